package ai.alicemultiverse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.pipelines.Samples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlCommandTest {
  @TempDir static Path work;
  static Path cache;

  @BeforeAll
  static void rebuild() throws Exception {
    cache = work.resolve("alice.duckdb");
    RebuildPipeline.run(new RebuildConfig(List.of(Samples.dir().toString()), cache,
            RebuildConfig.defaultParquetDir(cache), false),
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create(),
        new PrintStream(PrintStream.nullOutputStream()));
  }

  private static String run(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int exit = AliceCommand.commandLine().execute(args);
      return exit + "\n" + out.toString(StandardCharsets.UTF_8);
    } finally {
      System.setOut(original);
    }
  }

  @Test
  void printsRowsAsTsv() {
    assertThat(run("sql", "SELECT media_type, count(*) AS n FROM assets GROUP BY ALL ORDER BY 1",
        "--cache", cache.toString(), "--tsv"))
        .isEqualTo("0\nmedia_type\tn\naudio\t1\nimage\t5\n");
  }

  @Test
  void printsAnAlignedTableWithARowCount() {
    assertThat(run("sql", "SELECT 'a' AS x, NULL AS y", "--cache", cache.toString()))
        .isEqualTo("0\nx  y\na  NULL\n(1 rows)\n");
  }

  @Test
  void neverWritesTheCache() throws Exception {
    byte[] before = Files.readAllBytes(cache);
    assertThat(run("sql", "DELETE FROM assets", "--cache", cache.toString())).startsWith("2\n");
    assertThat(Files.readAllBytes(cache)).isEqualTo(before);
  }

  @Test
  void csvQuotesAsRfc4180AndLeavesNullEmpty() {
    assertThat(run("sql", "SELECT 'a,b' AS x, NULL AS y, 'say \"hi\"' AS z, 1 AS n", "--cache", cache.toString(),
        "--csv"))
        .isEqualTo("0\nx,y,z,n\n\"a,b\",,\"say \"\"hi\"\"\",1\n");
  }

  @Test
  void tsvLeavesNullEmpty() {
    assertThat(run("sql", "SELECT 'a' AS x, NULL AS y, 2 AS n", "--cache", cache.toString(), "--tsv"))
        .isEqualTo("0\nx\ty\tn\na\t\t2\n");
  }

  @Test
  void jsonIsAnArrayOfTypedObjects() throws Exception {
    String out = run("sql", "SELECT 'a' AS x, NULL AS y, 2 AS n, 1.5::DOUBLE AS d, true AS b", "--cache",
        cache.toString(), "--json");
    assertThat(out).startsWith("0\n");
    com.fasterxml.jackson.databind.JsonNode rows = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(out.substring(2));
    assertThat(rows.toString()).isEqualTo("[{\"x\":\"a\",\"y\":null,\"n\":2,\"d\":1.5,\"b\":true}]");
  }

  @Test
  void markdownIsATable() {
    assertThat(run("sql", "SELECT 'a|b' AS x, NULL AS y", "--cache", cache.toString(), "--markdown"))
        .isEqualTo("0\n| x | y |\n|---|---|\n| a\\|b | NULL |\n");
  }

  @Test
  void oneOutputModeAtATime() {
    assertThat(run("sql", "SELECT 1", "--cache", cache.toString(), "--csv", "--json")).startsWith("2\n");
  }
}
