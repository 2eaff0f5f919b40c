package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.cli.AliceCommand;
import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.pipelines.Samples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * SQL a user types ({@code alice sql}, {@code export --query}) reads the cache's tables and nothing else:
 * no file written over the cache or anywhere (COPY), no other cache attached and dropped, no file read or
 * listed (read_text, glob), no second statement, no setting turned back on; Parquet by path only from a
 * folder named with {@code --allow-read}. The cache is byte for byte the same afterwards.
 */
@Timeout(300)
class UserSqlConfinementTest {
  private static final String SECRET = "the-secret-line-7f3a";

  @TempDir static Path work;
  static Path cache;
  static Path other;
  static Path secret;

  @BeforeAll
  static void caches() throws Exception {
    cache = work.resolve("alice.duckdb");
    RebuildPipeline.run(new RebuildConfig(List.of(Samples.dir().toString()), cache,
            RebuildConfig.defaultParquetDir(cache), false),
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create(),
        new PrintStream(PrintStream.nullOutputStream()));
    other = work.resolve("other.duckdb");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + other);
        Statement sql = db.createStatement()) {
      sql.execute("CREATE TABLE assets AS SELECT 1 AS x");
    }
    secret = Files.createDirectories(work.resolve("private")).resolve("shadow");
    Files.writeString(secret, SECRET + "\n");
  }

  private record Run(int exit, String out) {}

  private static Run sql(String... args) {
    StringWriter err = new StringWriter();
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      CommandLine cli = AliceCommand.commandLine();
      cli.setErr(new PrintWriter(err, true));
      List<String> all = new java.util.ArrayList<>(List.of("sql"));
      all.addAll(List.of(args));
      all.addAll(List.of("--cache", cache.toString()));
      int exit = cli.execute(all.toArray(String[]::new));
      return new Run(exit, out.toString(StandardCharsets.UTF_8) + err);
    } finally {
      System.setOut(original);
    }
  }

  private static String q(Path p) {
    return "'" + p.toString().replace("'", "''") + "'";
  }

  @Test
  void copyToOverTheCacheOrAnyFileIsRefusedAndTheCacheIsUnchanged() throws Exception {
    byte[] before = Files.readAllBytes(cache);
    Path elsewhere = work.resolve("written.csv");
    Run overCache = sql("COPY (SELECT 1) TO " + q(cache));
    Run anywhere = sql("COPY (SELECT 1) TO " + q(elsewhere) + " (FORMAT csv)");
    assertThat(overCache.exit()).as(overCache.out()).isEqualTo(2);
    assertThat(anywhere.exit()).as(anywhere.out()).isEqualTo(2);
    assertThat(overCache.out()).contains("only a SELECT");
    assertThat(Files.readAllBytes(cache)).isEqualTo(before);
    assertThat(elsewhere).doesNotExist();
    assertThat(sql("SELECT count(*) AS n FROM assets", "--tsv").out()).isEqualTo("n\n6\n");
  }

  @Test
  void anotherCacheCannotBeAttachedAndDropped() throws Exception {
    byte[] before = Files.readAllBytes(other);
    Run attach = sql("ATTACH " + q(other) + " AS o; DROP TABLE o.assets");
    Run attachFunction = sql("SELECT * FROM read_parquet(" + q(other) + ")");
    assertThat(attach.exit()).as(attach.out()).isEqualTo(2);
    assertThat(attachFunction.exit()).as(attachFunction.out()).isEqualTo(2);
    assertThat(Files.readAllBytes(other)).isEqualTo(before);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + other);
        Statement s = db.createStatement()) {
      assertThat(s.executeQuery("SELECT count(*) FROM assets").next()).isTrue();
    }
  }

  @Test
  void noFileIsReadOrListed() {
    for (String query : List.of("SELECT * FROM read_text(" + q(secret) + ")",
        "SELECT * FROM read_csv(" + q(secret) + ", header = false)",
        "SELECT * FROM glob(" + q(secret.getParent().resolve("*")) + ")",
        "SELECT * FROM read_text(" + q(work.resolve("private/../private/shadow")) + ")")) {
      Run run = sql(query);
      assertThat(run.exit()).as(query + "\n" + run.out()).isEqualTo(2);
      assertThat(run.out()).contains("disabled by configuration").doesNotContain(SECRET, "shadow\n");
    }
  }

  @Test
  void oneStatementOnlyDecidedByDuckDbsParser() {
    Path written = work.resolve("second.csv");
    Run two = sql("SELECT 1; COPY (SELECT 2) TO " + q(written) + " (FORMAT csv)");
    assertThat(two.exit()).as(two.out()).isEqualTo(2);
    Run selects = sql("SELECT 1; SELECT 2");
    assertThat(selects.exit()).isEqualTo(2);
    assertThat(selects.out()).contains("one statement only (this holds 2)");
    assertThat(written).doesNotExist();
    // A ';' in a string or a comment is no statement of its own.
    assertThat(sql("SELECT ';' AS s -- ; DROP TABLE assets", "--tsv")).isEqualTo(new Run(0, "s\n;\n"));
    assertThat(sql("DESCRIBE assets").exit()).isZero();
    assertThat(sql("SHOW TABLES").exit()).isZero();
  }

  @Test
  void settingsCannotBeTurnedBackOn() {
    for (String query : List.of("SET enable_external_access = true", "SET lock_configuration = false",
        "RESET enable_external_access", "PRAGMA enable_profiling", "INSTALL httpfs", "LOAD httpfs")) {
      Run run = sql(query);
      assertThat(run.exit()).as(query + "\n" + run.out()).isEqualTo(2);
    }
  }

  @Test
  void parquetByPathOnlyFromAnAllowedFolder() throws Exception {
    Path exports = Files.createDirectories(work.resolve("exports"));
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = db.createStatement()) {
      s.execute("COPY (SELECT 42 AS answer) TO " + q(exports.resolve("a.parquet")) + " (FORMAT parquet)");
    }
    String query = "SELECT answer FROM read_parquet(" + q(exports.resolve("*.parquet")) + ")";
    assertThat(sql(query).exit()).isEqualTo(2);
    assertThat(sql(query, "--tsv", "--allow-read", exports.toString())).isEqualTo(new Run(0, "answer\n42\n"));
    Run outside = sql("SELECT * FROM read_text(" + q(secret) + ")", "--allow-read", exports.toString());
    assertThat(outside.exit()).isEqualTo(2);
    assertThat(outside.out()).doesNotContain(SECRET);
    Run traversal = sql("SELECT * FROM read_text(" + q(exports.resolve("../private/shadow")) + ")",
        "--allow-read", exports.toString());
    assertThat(traversal.exit()).isEqualTo(2);
    assertThat(traversal.out()).doesNotContain(SECRET);
  }

  /** The same holes through {@code export --query}, in a real child process. */
  @Test
  void exportQueryIsConfinedTheSameWay() throws Exception {
    byte[] before = Files.readAllBytes(cache);
    Path to = work.resolve("export-to");
    Path written = work.resolve("by-export.csv");
    List<String> queries = List.of(
        "SELECT * FROM read_text(" + q(secret) + ")",
        "SELECT 1 AS x; COPY (SELECT 1) TO " + q(written) + " (FORMAT csv)",
        "SELECT content_hash FROM assets) TO " + q(written) + " (FORMAT csv); COPY (SELECT 1",
        "SELECT content_hash FROM assets -- a comment");
    int i = 0;
    for (String query : queries) {
      Path log = work.resolve("export-" + i++ + ".log");
      Process child = AliceProcess.start(List.of("export", "--to", to.toString(), "--cache", cache.toString(),
          "--query", query), log);
      assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
      String output = Files.readString(log);
      int expected = query.endsWith("-- a comment") ? 0 : 2;
      assertThat(child.exitValue()).as(query + "\n" + output).isEqualTo(expected);
      assertThat(output).doesNotContain(SECRET);
    }
    assertThat(written).doesNotExist();
    assertThat(Files.readAllBytes(cache)).isEqualTo(before);
    try (Stream<Path> runs = Files.list(to)) {
      assertThat(runs.map(p -> p.getFileName().toString()).filter(name -> !name.equals("LATEST")).toList())
          .singleElement().satisfies(name -> assertThat(name).startsWith("run-"));
    }
  }
}
