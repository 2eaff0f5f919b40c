package ai.alicemultiverse.hardening;

import static ai.alicemultiverse.hardening.AliceInFolder.png;
import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.hardening.AliceInFolder.Run;
import ai.alicemultiverse.storage.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An s3:// location's settings in alice.toml (endpoint, region, path style) reach Beam's S3 file system:
 * {@code alice rebuild} and {@code alice scan} with no flag and no root read a real S3Proxy bucket and a
 * local folder in one job.
 */
class LibraryFileObjectStoreTest {
  @TempDir Path dir;

  @Test
  @Timeout(300)
  void theConfiguredS3SettingsReachTheJob() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Path local = png(dir.resolve("local/one.png"), 1).getParent();
    try (S3ProxyServer server = S3FaultsTest.serverWithCorpus(dir.resolve("s3"))) {
      Files.writeString(work.resolve("alice.toml"), """
          cache = "alice.duckdb"

          [[location]]
          path = "%s/"
          s3_endpoint = "%s"
          s3_region = "us-east-1"
          s3_path_style = true

          [[location]]
          path = "../local"
          storage_type = "external"
          """.formatted(S3FaultsTest.ROOT, server.endpoint()));
      AliceInFolder alice = new AliceInFolder(Files.createDirectories(dir.resolve("xdg")),
          Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.IDENTITY, "AWS_SECRET_ACCESS_KEY", S3ProxyServer.CREDENTIAL));
      Path cache = work.resolve("alice.duckdb");
      int objects = S3FaultsTest.samples().size();

      Run rebuild = alice.run(work, "rebuild");

      assertThat(rebuild.exit()).as(rebuild.output()).isZero();
      assertThat(HostileInputTest.column(cache, "SELECT DISTINCT storage_type || ' ' || (path LIKE 's3://%')"
          + " FROM locations")).containsExactlyInAnyOrder("s3 true", "external false");
      assertThat(HostileInputTest.column(cache, "SELECT (SELECT count(*) FROM locations WHERE path LIKE 's3://%')"
          + " + (SELECT count(*) FROM errors WHERE path LIKE 's3://%')")).as("every object read or reported")
          .containsExactly(String.valueOf(objects));
      assertThat(HostileInputTest.column(cache, "SELECT array_to_string(roots, ' ') FROM runs"))
          .containsExactly(S3FaultsTest.ROOT + " " + local);

      Run scan = alice.run(work, "scan");

      assertThat(scan.output()).as(scan.output()).contains("scanned " + (objects + 1) + " files: 0 moved, 0 appeared,"
          + " 0 vanished");
    }
  }
}
