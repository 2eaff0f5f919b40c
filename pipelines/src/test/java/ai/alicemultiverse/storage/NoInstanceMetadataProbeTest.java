package ai.alicemultiverse.storage;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Permission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild of local folders connects to nothing but loopback: with Beam's S3 filesystem on the
 * class path, an unpinned AWS region would send a probe to the EC2 instance metadata service on
 * every run. Connections off loopback are refused here (not made) and recorded.
 */
class NoInstanceMetadataProbeTest {
  private static final Path SAMPLES = Path.of(System.getProperty("alice.samples", "../src/samples"));

  @Test
  @SuppressWarnings("removal") // the only in-process way to see every connect attempt
  void aLocalRebuildDoesNotProbeTheInstanceMetadataService(@TempDir Path tmp) throws Exception {
    Path local = tmp.resolve("pictures");
    Files.createDirectories(local);
    Files.copy(SAMPLES.resolve("renders/neon-alley.png"), local.resolve("neon-alley.png"));
    List<String> offLoopback = new CopyOnWriteArrayList<>();
    // The build disables the probe for all tests; this test turns it back on to see that the
    // rebuild itself avoids it.
    String disabled = System.setProperty("aws.disableEc2Metadata", "false");
    try {
      System.setSecurityManager(new SecurityManager() {
        @Override
        public void checkPermission(Permission perm) {}

        @Override
        public void checkConnect(String host, int port) {
          if (port >= 0 && !host.equals("localhost") && !host.startsWith("127.") && !host.equals("::1")
              && !host.equals("0:0:0:0:0:0:0:1")) {
            offLoopback.add(host + ":" + port);
            throw new SecurityException("test: no connections off loopback (" + host + ")");
          }
        }
      });
    } catch (UnsupportedOperationException notOnThisJdk) {
      Assumptions.abort("this JDK does not allow a security manager: " + notOnThisJdk.getMessage());
    }
    try {
      RebuildPipeline.run(new RebuildConfig(List.of(local.toString()), tmp.resolve("alice.duckdb"),
              tmp.resolve("parquet"), false),
          PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create(),
          new PrintStream(new ByteArrayOutputStream()));
    } finally {
      System.setSecurityManager(null);
      if (disabled == null) {
        System.clearProperty("aws.disableEc2Metadata");
      } else {
        System.setProperty("aws.disableEc2Metadata", disabled);
      }
    }

    assertThat(offLoopback).isEmpty();
  }
}
