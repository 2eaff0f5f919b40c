package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.storage.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secret key never shows: real {@code alice rebuild} and {@code alice export} processes with S3 flags and
 * known credentials in the environment (as users give them), logging at DEBUG and stack traces on, against a
 * real S3-compatible server, both succeeding and failing (500s). The secret is searched in everything they
 * print, in every row of the cache (errors and runs included), in the Parquet hand-off, and in every file of
 * the export (read from the bucket with {@code --from-files}).
 */
@Timeout(300)
class CredentialsNotLoggedTest {
  private static final String SECRET = S3ProxyServer.CREDENTIAL;

  @TempDir Path work;

  @Test
  void theSecretKeyIsInNoOutputNoCacheRowNoParquetAndNoExportedObject() throws Exception {
    Path cache = work.resolve("cache/alice.duckdb");
    Path exports = work.resolve("exports");
    List<String> printed = new ArrayList<>();
    try (S3ProxyServer server = S3FaultsTest.serverWithCorpus(work.resolve("s3"));
        FaultyHttpProxy failing = new FaultyHttpProxy(server.endpoint(), (n, request) -> request.contains(" bytes=")
            ? FaultyHttpProxy.Fault.ERROR_500 : FaultyHttpProxy.Fault.PASS, 0)) {
      List<String> s3 = List.of("--s3-endpoint", server.endpoint().toString(), "--s3-path-style", "--s3-region",
          "us-east-1");
      printed.add(alice("rebuild", 0, concat(List.of("rebuild", S3FaultsTest.ROOT, "--cache", cache.toString()), s3)));
      // (to a local folder, where every exported file is read back below)
      printed.add(alice("export", 0, concat(List.of("export", "--from-files", S3FaultsTest.ROOT, "--to",
          exports.toString()), s3)));
      // every object read again, through the same flags
      printed.add(alice("verify", 0, concat(List.of("verify", "--objects", "--cache", cache.toString()), s3)));
      printed.add(alice("failing-rebuild", 1, List.of("rebuild", S3FaultsTest.ROOT, "--cache", cache.toString(),
          "--s3-endpoint", failing.endpoint().toString(), "--s3-path-style", "--s3-region", "us-east-1")));
      assertThat(failing.errors()).isPositive();
      // the bucket named as a ROOT: its copies checked and the prefix listed, through the same flags
      // (listing finds the damaged object the rebuild could not read: drift, exit 1)
      printed.add(alice("verify-root", 1, concat(List.of("verify", S3FaultsTest.ROOT, "--cache", cache.toString()), s3)));

      for (String output : printed) {
        assertThat(output).contains("DEBUG").doesNotContain(SECRET);
      }
      assertThat(printed.get(2)).contains("no drift: the cache matches the files").doesNotContain("not checked");
      assertThat(printed.get(3)).contains("the storage failed");
      assertThat(printed.get(4)).contains("unreadable s3://media/archive/damaged/truncated.jpg: the last rebuild"
          + " could not read it", "1 difference(s)").doesNotContain("not checked");
      assertThat(textOfEveryRow(cache, "SELECT table_name FROM duckdb_tables() WHERE NOT internal"))
          .contains(S3FaultsTest.ROOT).doesNotContain(SECRET);
      assertThat(textOfEveryRow(cache, "SELECT 'read_parquet(''" + cache.resolveSibling("alice-parquet")
          + "/**/*.parquet'', union_by_name = true)'")).contains("s3://media/archive/").doesNotContain(SECRET);
      assertThat(exported(exports)).contains("manifest.json", "s3://media/archive/").doesNotContain(SECRET);
    }
  }

  private String alice(String name, int exit, List<String> args) throws Exception {
    Path log = work.resolve(name + ".log");
    Process child = AliceProcess.start(args, log, Map.of(
            "AWS_ACCESS_KEY_ID", S3ProxyServer.IDENTITY,
            "AWS_SECRET_ACCESS_KEY", SECRET,
            "ALICE_DEBUG", "1"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug");
    assertThat(child.waitFor(4, TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(log);
    assertThat(child.exitValue()).as(name + ":\n" + output).isEqualTo(exit);
    return output;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Every value of every row of the tables (or table functions) that {@code listing} names, as text. */
  private static String textOfEveryRow(Path cache, String listing) throws Exception {
    StringBuilder text = new StringBuilder();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + cache);
        Statement sql = db.createStatement()) {
      List<String> sources = new ArrayList<>();
      try (ResultSet rows = sql.executeQuery(listing)) {
        while (rows.next()) {
          sources.add(rows.getString(1));
        }
      }
      for (String source : sources) {
        try (ResultSet rows = sql.executeQuery("SELECT * FROM " + source)) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int i = 1; i <= columns; i++) {
              text.append(rows.getString(i)).append('\t');
            }
            text.append('\n');
          }
        }
      }
    }
    return text.toString();
  }

  /** Every file of the published export runs: text as is, Parquet read back row by row. */
  private String exported(Path exports) throws Exception {
    StringBuilder text = new StringBuilder();
    List<Path> files;
    try (Stream<Path> tree = Files.walk(exports)) {
      files = tree.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(files).anyMatch(f -> f.toString().endsWith(".parquet")).anyMatch(f -> f.endsWith("_SUCCESS"));
    for (Path file : files) {
      text.append(file).append('\n');
      if (file.toString().endsWith(".parquet")) {
        text.append(textOfEveryRow(work.resolve("scratch.duckdb"), "SELECT 'read_parquet(''" + file + "'')'"));
      } else {
        text.append(Files.readString(file));
      }
    }
    return text.toString();
  }
}
