package ai.alicemultiverse.runners;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.CacheRows;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.pipelines.RebuildSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.zip.ZipFile;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild sent to a Flink cluster ({@code --flinkMaster=host:port}) gives the same cache as the
 * DirectRunner. The cluster is a real Flink 1.19 JobManager and TaskManager (two slots) started in
 * this JVM with its REST endpoint on a free loopback port. The FlinkRunner is given only that
 * address, so the job graph and the jars travel over the REST API as they do to a remote cluster,
 * not through the embedded {@code [local]} executor that {@link FlinkRunnerTest} uses.
 */
@ExtendWith(DirectBaseline.Resolver.class)
class FlinkClusterTest {
  @TempDir static Path work;
  static Path directCache;
  static Path clusterCache;
  static Path staging;
  static RebuildSummary direct;
  static RebuildSummary cluster;
  static List<String> staged;
  static Collection<JobStatusMessage> jobsOnTheCluster;

  @BeforeAll
  static void rebuildOnACluster(DirectBaseline baseline) throws Exception {
    directCache = baseline.cache();
    direct = baseline.summary();
    clusterCache = work.resolve("cluster/alice.duckdb");
    staging = Files.createDirectories(work.resolve("staging"));
    try (MiniCluster flink = new MiniCluster(clusterConfiguration())) {
      flink.start();
      URI rest = flink.getRestAddress().get();
      // No --filesToStage: Beam then ships the class path of the process that starts the job (here
      // Maven's test class path, about 330 jars), as it ships the thin jar and its lib/ for `./alice`
      // or the one jar for `java -jar alice-flink-cluster.jar`. It zips class folders into jars in
      // --tempLocation first: the test's folder, not /tmp.
      PipelineOptions options = FlinkRunnerTest.options("--runner=FlinkRunner",
          "--flinkMaster=localhost:" + rest.getPort(), "--parallelism=2", "--tempLocation=" + staging);
      cluster = RebuildPipeline.run(FlinkRunnerTest.config(clusterCache), options, FlinkRunnerTest.quiet());
      staged = options.as(FlinkPipelineOptions.class).getFilesToStage();
      jobsOnTheCluster = flink.listJobs().get();
    } // stops the TaskManager, the JobManager and the REST endpoint, also when the rebuild failed
  }

  /** Loopback only, a port the system picks, two slots for --parallelism=2. */
  static MiniClusterConfiguration clusterConfiguration() {
    Configuration conf = new Configuration();
    conf.set(RestOptions.ADDRESS, "localhost");
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(RestOptions.BIND_PORT, "0");
    return new MiniClusterConfiguration.Builder()
        .setConfiguration(conf)
        .setNumTaskManagers(1)
        .setNumSlotsPerTaskManager(2)
        .build();
  }

  @Test
  void theJobRanOnTheClusterWithAlicesClassesStaged() {
    // A job reaches this cluster only through its REST address: nothing else was given to Beam.
    assertThat(jobsOnTheCluster).singleElement()
        .satisfies(job -> assertThat(job.getJobState()).isEqualTo(JobStatus.FINISHED));
    // alice's own classes and Beam's went with the job: alice's as the module jars (mvn verify) or
    // as class folders that Beam zipped into the staging folder (mvn test, an IDE).
    assertThat(staged)
        .anyMatch(f -> f.contains("beam-sdks-java-core-2.62.0.jar"))
        .anyMatch(f -> holds(f, "ai/alicemultiverse/pipelines/RebuildPipeline.class"))
        .anyMatch(f -> holds(f, "ai/alicemultiverse/beam/ExtractMediaFn.class"));
  }

  static boolean holds(String jar, String entry) {
    try (ZipFile zip = new ZipFile(jar)) {
      return zip.getEntry(entry) != null;
    } catch (IOException e) {
      throw new UncheckedIOException(jar, e);
    }
  }

  @Test
  void assetsAreTheSameAsOnTheDirectRunner() throws Exception {
    assertThat(CacheRows.query(clusterCache, FlinkRunnerTest.ASSETS)).hasSize(6)
        .isEqualTo(CacheRows.query(directCache, FlinkRunnerTest.ASSETS));
  }

  @Test
  void locationsTagsAndErrorsAreTheSameAsOnTheDirectRunner() throws Exception {
    assertThat(CacheRows.query(clusterCache, FlinkRunnerTest.LOCATIONS)).hasSize(7)
        .isEqualTo(CacheRows.query(directCache, FlinkRunnerTest.LOCATIONS));
    assertThat(CacheRows.query(clusterCache, FlinkRunnerTest.TAGS)).hasSize(21)
        .isEqualTo(CacheRows.query(directCache, FlinkRunnerTest.TAGS));
    assertThat(CacheRows.query(clusterCache, FlinkRunnerTest.ERRORS))
        .containsExactly(List.of(FlinkRunnerTest.samples().resolve("damaged/truncated.jpg").toString(), "extract",
            CacheRows.query(directCache, FlinkRunnerTest.ERRORS).get(0).get(2)));
  }

  @Test
  void theClusterCountsTheSameFilesAsTheDirectRunner() throws Exception {
    assertThat(List.of(cluster.filesMatched(), cluster.filesIndexed(), cluster.uniqueHashes(), cluster.errors()))
        .containsExactly(8L, 7L, 6L, 1L)
        .isEqualTo(List.of(direct.filesMatched(), direct.filesIndexed(), direct.uniqueHashes(), direct.errors()));
    assertThat(CacheRows.query(clusterCache, FlinkRunnerTest.RUN_COUNTS))
        .containsExactly(List.of("[" + FlinkRunnerTest.samples() + "]", "8", "7", "6", "1"))
        .isEqualTo(CacheRows.query(directCache, FlinkRunnerTest.RUN_COUNTS));
    assertThat(CacheRows.query(clusterCache, "SELECT runner FROM runs")).containsExactly(List.of("FlinkRunner"));
  }
}
