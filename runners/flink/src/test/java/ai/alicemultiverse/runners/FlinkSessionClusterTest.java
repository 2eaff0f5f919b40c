package ai.alicemultiverse.runners;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.cluster.FlinkSessionCluster;
import ai.alicemultiverse.pipelines.CacheRows;
import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.storage.S3ProxyServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code alice rebuild} against a Flink 1.19 session cluster in separate JVMs: a JobManager and two
 * TaskManagers with one slot each (so a {@code --parallelism=2} job needs both), started as
 * {@code runners/flink/flink-session-cluster} starts them, on loopback ports chosen at start. alice runs
 * as its own process too and knows the cluster only by {@code --flinkMaster=127.0.0.1:<port>}. The roots
 * are a local folder and an {@code s3://} prefix on S3Proxy, the Parquet hand-off is an {@code s3://}
 * prefix, and the S3 credentials reach the workers the way they do on a real cluster: in the
 * TaskManagers' environment, not in the job. A second job on the same TaskManagers reuses every unchanged
 * file. Then one TaskManager is killed in the middle of a third run: the job fails, alice says so, and
 * the cache the runs before made is left as it was.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class FlinkSessionClusterTest {
  /** These JVMs run for a minute: the quicker-starting compiler is worth more than the optimizing one. */
  static final String QUICK_START = "-XX:TieredStopAtLevel=1";

  @TempDir static Path work;
  static S3ProxyServer s3;
  static FlinkSessionCluster flink;
  static List<String> roots;
  static Path cache;

  @BeforeAll
  static void startS3AndTheCluster() throws Exception {
    Path samples = FlinkRunnerTest.samples();
    s3 = S3ProxyServer.start(Files.createDirectories(work.resolve("s3")));
    try (S3Client client = s3.client()) {
      client.createBucket(b -> b.bucket("media"));
      for (String file : List.of("renders/sunset-harbor.jpg", "renders/neon-alley.png", "inbox/ambient-tone.wav",
          "damaged/truncated.jpg")) {
        client.putObject(b -> b.bucket("media").key("archive/" + file), RequestBody.fromFile(samples.resolve(file)));
      }
    }
    roots = List.of(samples.toString(), "s3://media/archive");
    cache = work.resolve("cluster/alice.duckdb");
    flink = FlinkSessionCluster.start(new FlinkSessionCluster.Settings(System.getProperty("java.class.path"),
        Files.createDirectories(work.resolve("flink")), 0, 2, 1, credentials(), List.of(QUICK_START)));
  }

  @AfterAll
  static void stopEverything() throws Exception {
    try {
      if (flink != null) {
        flink.close();
      }
    } finally {
      if (s3 != null) {
        s3.close();
      }
    }
  }

  /** What a user exports in the shell that starts the TaskManagers and in the one that runs alice. */
  static Map<String, String> credentials() {
    return Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.IDENTITY, "AWS_SECRET_ACCESS_KEY", S3ProxyServer.CREDENTIAL,
        "AWS_EC2_METADATA_DISABLED", "true");
  }

  @Test
  @Order(1)
  void aRebuildOnTheClusterGivesTheDirectRunnersCacheRowForRow() throws Exception {
    Path directCache = work.resolve("direct/alice.duckdb");
    RebuildPipeline.run(new RebuildConfig(roots, directCache, RebuildConfig.defaultParquetDir(directCache), false),
        S3ProxyServer.options(s3.endpoint()), FlinkRunnerTest.quiet());

    Run run = rebuild(work.resolve("first.log"));
    assertThat(run.process().waitFor(240, TimeUnit.SECONDS)).as("alice finished").isTrue();
    assertThat(run.process().exitValue()).as(run.output()).isZero();

    for (String query : List.of(FlinkRunnerTest.ASSETS, FlinkRunnerTest.LOCATIONS, FlinkRunnerTest.TAGS,
        FlinkRunnerTest.ERRORS, FlinkRunnerTest.RUN_COUNTS)) {
      assertThat(CacheRows.query(cache, query)).as(query).isNotEmpty()
          .isEqualTo(CacheRows.query(directCache, query));
    }
    assertThat(CacheRows.query(cache, FlinkRunnerTest.LOCATIONS))
        .anyMatch(row -> row.get(1).equals("s3://media/archive/renders/sunset-harbor.jpg"))
        .anyMatch(row -> row.get(1).startsWith(FlinkRunnerTest.samples().toString()));
    assertThat(CacheRows.query(cache, "SELECT runner FROM runs")).containsExactly(List.of("FlinkRunner"));
    try (S3Client client = s3.client()) {
      assertThat(client.listObjectsV2(b -> b.bucket("media").prefix("alice-parquet/run-")).contents())
          .as("the Parquet shards the TaskManagers handed over through the bucket").isNotEmpty();
    }
    JsonNode jobs = flink.get("/jobs/overview").path("jobs");
    assertThat(jobs).singleElement().satisfies(job -> assertThat(job.path("state").asText()).isEqualTo("FINISHED"));
    String job = jobs.get(0).path("jid").asText();
    assertThat(taskManagersOf(job)).as("the TaskManagers the job's tasks ran on")
        .containsExactly("taskmanager-1", "taskmanager-2");
    assertThat(flink.get("/jobs/" + job + "/config").toString()).as("the job's options, as the cluster shows them")
        .contains("awsCredentialsProvider").doesNotContain(S3ProxyServer.CREDENTIAL);
  }

  /**
   * A session cluster runs job after job in the same TaskManager JVMs, each job's classes in a new class
   * loader (here Beam's come from the cluster's own class path, as when Beam is in Flink's lib/).
   */
  @Test
  @Order(2)
  void aSecondJobOnTheSameTaskManagersReusesEveryUnchangedFile() throws Exception {
    List<List<String>> assetsBefore = CacheRows.query(cache, FlinkRunnerTest.ASSETS);

    Run run = rebuild(work.resolve("second.log"));
    assertThat(run.process().waitFor(240, TimeUnit.SECONDS)).as("alice finished").isTrue();
    assertThat(run.process().exitValue()).as(run.output()).isZero();

    assertThat(CacheRows.query(cache, "SELECT kind, files_reused FROM runs ORDER BY started_at DESC LIMIT 1"))
        .containsExactly(List.of("incremental", "10"));
    assertThat(CacheRows.query(cache, FlinkRunnerTest.ASSETS)).isEqualTo(assetsBefore);
    assertThat(flink.get("/jobs/overview").path("jobs")).hasSize(2)
        .allSatisfy(job -> assertThat(job.path("state").asText()).isEqualTo("FINISHED"));
  }

  @Test
  @Order(3)
  void aTaskManagerKilledInTheMiddleOfARunFailsTheJobAndKeepsThePreviousCache() throws Exception {
    assertThat(cache).as("the first run's cache").isRegularFile();
    String cacheBefore = sha256(cache);
    List<Path> filesBefore = filesBeside(cache);
    List<List<String>> assetsBefore = CacheRows.query(cache, FlinkRunnerTest.ASSETS);

    Run run = rebuild(work.resolve("third.log"), "--full");
    String job = awaitRunningJob(run.process());
    flink.killTaskManager(2);
    assertThat(run.process().waitFor(180, TimeUnit.SECONDS)).as("alice finished").isTrue();

    assertThat(run.process().exitValue()).as(run.output()).isNotZero();
    assertThat(flink.get("/jobs/" + job).path("state").asText()).isEqualTo("FAILED");
    assertThat(run.output()).as("what alice says")
        .contains("TaskManager with id taskmanager-2 is no longer reachable")
        .contains("alice rebuild: ");
    assertThat(sha256(cache)).as("the cache file's bytes").isEqualTo(cacheBefore);
    assertThat(filesBeside(cache)).as("nothing left beside the cache").isEqualTo(filesBefore);
    assertThat(CacheRows.query(cache, FlinkRunnerTest.ASSETS)).isEqualTo(assetsBefore);
    assertThat(CacheRows.query(cache, "SELECT count(*) FROM runs")).containsExactly(List.of("2"));
  }

  record Run(Process process, Path log) {
    String output() throws IOException {
      return Files.readString(log);
    }
  }

  /** {@code alice rebuild} in its own JVM, as a user starts it against the cluster. */
  static Run rebuild(Path log, String... extra) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseSerialGC", QUICK_START, "-cp", System.getProperty("java.class.path"),
        "ai.alicemultiverse.cli.AliceCommand", "rebuild"));
    command.addAll(roots);
    command.addAll(List.of("--cache", cache.toString(), "--parquet", "s3://media/alice-parquet",
        "--s3-endpoint", s3.endpoint().toString(), "--s3-region", "us-east-1", "--s3-path-style"));
    command.addAll(List.of(extra));
    command.addAll(List.of("--runner=FlinkRunner", "--flinkMaster=" + flink.master(), "--parallelism=2",
        "--filesToStage=" + String.join(",", alicesOwnClasses()),
        "--tempLocation=" + Files.createDirectories(work.resolve("staging"))));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(credentials());
    return new Run(builder.start(), log);
  }

  /** The id of the second job once its tasks run on the TaskManagers. */
  static String awaitRunningJob(Process alice) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
    while (Instant.now().isBefore(deadline) && alice.isAlive()) {
      for (JsonNode job : flink.get("/jobs/overview").path("jobs")) {
        if (job.path("state").asText().equals("RUNNING") && job.path("tasks").path("running").asInt() > 0) {
          return job.path("jid").asText();
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no job reached RUNNING tasks (alice alive: " + alice.isAlive() + ")");
  }

  /**
   * alice's modules on the class path (class folders under {@code mvn test}, jars under {@code mvn verify}):
   * what a job must ship when the cluster's own class path already holds Beam and Flink, as this
   * cluster's does. The job then reaches its tasks in seconds instead of after uploading and
   * unpacking every jar of the class path again.
   */
  static List<String> alicesOwnClasses() {
    return List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)).stream()
        .filter(entry -> Files.isDirectory(Path.of(entry)) || Path.of(entry).getFileName().toString().startsWith("alice-"))
        .toList();
  }

  static Set<String> taskManagersOf(String job) throws Exception {
    Set<String> taskManagers = new TreeSet<>();
    for (JsonNode vertex : flink.get("/jobs/" + job).path("vertices")) {
      for (JsonNode subtask : flink.get("/jobs/" + job + "/vertices/" + vertex.path("id").asText()).path("subtasks")) {
        taskManagers.add(subtask.path("taskmanager-id").asText());
      }
    }
    return taskManagers;
  }

  static List<Path> filesBeside(Path file) throws IOException {
    try (var files = Files.list(file.getParent())) {
      return files.sorted().toList();
    }
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
