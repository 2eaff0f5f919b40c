package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.pipelines.Samples;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every export run is a full snapshot, so a reader must read one run: {@code LATEST} names the run
 * published last, and the help shows how to read it (a pattern over {@code run-*} counts every row
 * once per kept run).
 */
class ExportLatestTest {
  @TempDir Path work;

  @Test
  void latestNamesTheNewestRunAndTheHelpReadsOnlyThatRun() throws Exception {
    Path cache = work.resolve("alice.duckdb");
    RebuildPipeline.run(new RebuildConfig(List.of(Samples.dir().toString()), cache,
            RebuildConfig.defaultParquetDir(cache), false),
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create(), new PrintStream(PrintStream.nullOutputStream()));
    Path to = work.resolve("exports");

    AliceRun first = AliceRun.of(work, "export", "--to", to.toString(), "--cache", cache.toString());
    assertThat(first.code()).as(first.err()).isZero();
    Thread.sleep(1_100); // run names order by their start second
    AliceRun second = AliceRun.of(work, "export", "--to", to.toString(), "--cache", cache.toString());
    assertThat(second.code()).as(second.err()).isZero();

    String latest = Files.readString(to.resolve("LATEST"));
    assertThat(second.out()).contains(latest);
    assertThat(first.out()).doesNotContain(latest);
    assertThat(to.resolve(latest).resolve("_SUCCESS")).isRegularFile();

    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
      // The recipe of 'alice export --help', as written there.
      sql.execute("SET VARIABLE run = (SELECT content FROM read_text('" + to + "/LATEST'))");
      assertThat(count(sql, "SELECT count(*) FROM read_parquet('" + to
          + "/' || getvariable('run') || '/data/**/*.parquet')")).isEqualTo(6);
      assertThat(count(sql, "SELECT count(*) FROM read_parquet('" + to + "/run-*/data/**/*.parquet')"))
          .as("what the help suggested before: every asset once per kept run").isEqualTo(12);
    }

    AliceRun help = AliceRun.of(work, "export", "--help");
    assertThat(help.out()).contains("LATEST").contains("latest=$(cat /data/exports/LATEST)")
        .contains("getvariable('run')").doesNotContain("run-*/data");
  }

  private static long count(Statement sql, String query) throws Exception {
    try (ResultSet rows = sql.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
