package ai.alicemultiverse.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.ClusterOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.taskexecutor.TaskManagerRunner;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A Flink session cluster as separate processes on loopback: one JobManager (its REST endpoint is what
 * {@code --flinkMaster} names) and {@code taskManagers} TaskManagers, each its own JVM on {@code classPath}.
 * The configuration is written to {@code workDir/conf/config.yaml}, as {@code flink-dist}'s scripts read
 * it; the JVM memory flags are the ones those scripts compute from it (Flink's own process-memory
 * utilities), so a TaskManager gets exactly the heap, direct and metaspace limits its configuration says.
 * {@link #close()} ends every process it started, also when starting failed half-way.
 */
public final class FlinkSessionCluster implements AutoCloseable {
  /** Process sizes small enough for a laptop or a shared CI machine; a batch job's shuffle fits. */
  public record Settings(String classPath, Path workDir, int restPort, int taskManagers, int slotsPerTaskManager,
      Map<String, String> workerEnvironment, List<String> jvmOptions) {
    public Settings {
      if (taskManagers < 1 || slotsPerTaskManager < 1) {
        throw new IllegalArgumentException("a cluster needs at least one TaskManager with one slot");
      }
    }
  }

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  /**
   * What {@code flink-dist}'s config.yaml gives every Flink 1.19 JVM on Java 17: Flink reaches into these
   * JDK packages (a task's error message, Kryo's copies of JDK types) and fails without them.
   */
  static final String JAVA_17_OPENS = String.join(" ",
      "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
      "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
      "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.text=ALL-UNNAMED",
      "--add-opens=java.base/java.time=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  private final Settings settings;
  private final URI rest;
  private final List<Process> processes = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  private FlinkSessionCluster(Settings settings, int restPort) {
    this.settings = settings;
    this.rest = URI.create("http://127.0.0.1:" + restPort);
  }

  /** Starts the JobManager and the TaskManagers and returns once every slot is registered. */
  public static FlinkSessionCluster start(Settings settings) throws IOException, InterruptedException {
    int restPort = settings.restPort() > 0 ? settings.restPort() : freePort();
    FlinkSessionCluster cluster = new FlinkSessionCluster(settings, restPort);
    try {
      Configuration conf = configuration(settings, restPort);
      Path confDir = Files.createDirectories(settings.workDir().resolve("conf"));
      Files.write(confDir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME),
          ConfigurationUtils.convertConfigToWritableLines(conf, false));
      JobManagerProcessSpec jm =
          JobManagerProcessUtils.processSpecFromConfigWithNewOptionToInterpretLegacyHeap(conf,
              JobManagerOptions.TOTAL_PROCESS_MEMORY);
      cluster.launch("jobmanager", JobManagerProcessUtils.generateJvmParametersStr(jm, conf),
          StandaloneSessionClusterEntrypoint.class.getName(), confDir,
          JobManagerProcessUtils.generateDynamicConfigsStr(jm), Map.of());
      TaskExecutorProcessSpec tm = TaskExecutorProcessUtils.processSpecFromConfig(conf);
      for (int i = 1; i <= settings.taskManagers(); i++) {
        cluster.launch("taskmanager-" + i, ProcessMemoryUtils.generateJvmParametersStr(tm),
            TaskManagerRunner.class.getName(), confDir,
            TaskExecutorProcessUtils.generateDynamicConfigsStr(tm) + " -D "
                + TaskManagerOptions.TASK_MANAGER_RESOURCE_ID.key() + "=taskmanager-" + i,
            settings.workerEnvironment());
      }
      cluster.awaitSlots(settings.taskManagers() * settings.slotsPerTaskManager());
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** The generated configuration: loopback only, small processes, a failed task fails the job. */
  static Configuration configuration(Settings settings, int restPort) throws IOException {
    Path work = settings.workDir().toAbsolutePath();
    Configuration conf = new Configuration();
    conf.set(JobManagerOptions.ADDRESS, "127.0.0.1");
    conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
    conf.set(JobManagerOptions.PORT, freePort());
    conf.set(RestOptions.ADDRESS, "127.0.0.1");
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(RestOptions.PORT, restPort);
    conf.set(TaskManagerOptions.HOST, "127.0.0.1");
    conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, settings.slotsPerTaskManager());
    conf.set(CoreOptions.DEFAULT_PARALLELISM, settings.taskManagers() * settings.slotsPerTaskManager());
    conf.set(JobManagerOptions.TOTAL_PROCESS_MEMORY, MemorySize.parse("768m"));
    // 1.25 GB per TaskManager: 256m metaspace (Beam and alice load in a job's class loader), 128m JVM
    // overhead, 128m framework off-heap (half of it the batch shuffle's read buffers), 64m managed
    // memory for the batch sorts, 256m network buffers for the shuffle (an incremental rebuild's job
    // needed 512 buffers of 32 KB at one of its steps; 128m left it "Insufficient number of network
    // buffers: required 512, but only 469 available"), 320m heap.
    conf.set(TaskManagerOptions.TOTAL_PROCESS_MEMORY, MemorySize.parse("1280m"));
    conf.set(TaskManagerOptions.JVM_METASPACE, MemorySize.parse("256m"));
    conf.set(TaskManagerOptions.JVM_OVERHEAD_MIN, MemorySize.parse("128m"));
    conf.set(TaskManagerOptions.JVM_OVERHEAD_MAX, MemorySize.parse("128m"));
    conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("64m"));
    conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("256m"));
    conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("256m"));
    // A lost TaskManager fails the job at once instead of retrying: alice keeps the previous cache
    // and the user runs the rebuild again. Its loss is noticed within seconds, not the default 50.
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, 2_000L);
    conf.set(HeartbeatManagerOptions.HEARTBEAT_TIMEOUT, 20_000L);
    conf.set(CoreOptions.FLINK_JVM_OPTIONS, JAVA_17_OPENS);
    conf.set(ClusterOptions.PROCESS_WORKING_DIR_BASE, Files.createDirectories(work.resolve("processes")).toString());
    // Every file the cluster writes (the jars a job uploads, their copies on the TaskManagers, spilled
    // data) goes under the work folder, not the system's temporary folder.
    String tmp = Files.createDirectories(work.resolve("tmp")).toString();
    conf.set(CoreOptions.TMP_DIRS, tmp);
    conf.set(BlobServerOptions.STORAGE_DIRECTORY, tmp);
    conf.set(WebOptions.TMP_DIR, tmp);
    return conf;
  }

  private void launch(String name, String jvmParameters, String mainClass, Path confDir, String dynamicConfigs,
      Map<String, String> environment) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(words(jvmParameters));
    command.addAll(words(JAVA_17_OPENS));
    command.addAll(settings.jvmOptions());
    command.add("-XX:+UseSerialGC"); // two small heaps per core: no parallel collector threads
    command.add("-cp");
    command.add(settings.classPath());
    command.add(mainClass);
    command.add("--configDir");
    command.add(confDir.toString());
    command.addAll(words(dynamicConfigs));
    Path log = settings.workDir().resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    processes.add(builder.start());
    logs.add(log);
  }

  private static List<String> words(String line) {
    return List.of(line.trim().split("\\s+")).stream().filter(w -> !w.isEmpty()).toList();
  }

  private void awaitSlots(int slots) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      for (int i = 0; i < processes.size(); i++) {
        if (!processes.get(i).isAlive()) {
          throw new IllegalStateException(logs.get(i).getFileName() + " exited with " + processes.get(i).exitValue()
              + ":\n" + Files.readString(logs.get(i)));
        }
      }
      JsonNode overview = get("/overview");
      if (overview != null && overview.path("slots-total").asInt() >= slots) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the Flink cluster did not register " + slots + " slots within " + START_TIMEOUT
        + " (logs in " + settings.workDir() + ")");
  }

  /** A GET of the JobManager's REST API; null while it does not answer yet. */
  public JsonNode get(String path) throws IOException, InterruptedException {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(rest.resolve(path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? json.readTree(response.body()) : null;
    } catch (ConnectException notYet) {
      return null;
    }
  }

  /** What {@code --flinkMaster} is given: the REST endpoint's host and port. */
  public String master() {
    return rest.getHost() + ":" + rest.getPort();
  }

  public URI restEndpoint() {
    return rest;
  }

  public Path workDir() {
    return settings.workDir();
  }

  /** Kills TaskManager {@code number} (1-based) as a crash would: no shutdown, no goodbye to the JobManager. */
  public void killTaskManager(int number) throws InterruptedException {
    Process taskManager = processes.get(number);
    taskManager.destroyForcibly();
    taskManager.waitFor();
  }

  /** Blocks until one of the cluster's processes exits; returns its log's name. */
  public String awaitAnyExit() throws InterruptedException {
    while (true) {
      for (int i = 0; i < processes.size(); i++) {
        if (processes.get(i).waitFor(200, TimeUnit.MILLISECONDS)) {
          return logs.get(i).getFileName().toString();
        }
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    }
  }

  /**
   * Ends the TaskManagers, then the JobManager: politely first, forcibly after ten seconds. Then deletes
   * the uploaded jars and spilled data (hundreds of MB per job); the configuration and logs stay.
   */
  @Override
  public void close() throws InterruptedException {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).destroy();
    }
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process process = processes.get(i);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
    deleteTree(settings.workDir().resolve("tmp"));
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the cluster's temporary files under " + root, e);
    }
  }
}
