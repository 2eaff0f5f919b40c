package ai.alicemultiverse.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alicemultiverse.cli.AliceCommand;
import ai.alicemultiverse.export.ExportDestination;
import ai.alicemultiverse.export.ExportManifest;
import ai.alicemultiverse.export.RunNames;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports from a real cache (built from src/samples) and from the files, read back with DuckDB. */
class ExportJobTest {
  @TempDir static Path work;
  static Path cache;
  static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

  static final List<String> DEFAULT_COLUMNS = List.of("content_hash", "media_type", "format", "mime", "size_bytes",
      "description", "generated_prompt", "provider", "model", "prompt", "generated_at", "generated_date",
      "processed_at", "metadata_version", "metadata_conflict", "tags", "location_count", "paths", "storage_types",
      "metadata_json");

  @BeforeAll
  static void rebuildSamples() throws IOException {
    cache = work.resolve("cache/alice.duckdb");
    RebuildPipeline.run(new RebuildConfig(List.of(Samples.dir().toString()), cache,
        RebuildConfig.defaultParquetDir(cache), false), directRunner(), QUIET);
  }

  static PipelineOptions directRunner() {
    return PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create();
  }

  static ExportConfig fromCache(Path to, String query, List<String> partitionBy, Integer keep) {
    return new ExportConfig(to.toString(), cache, List.of(), query, partitionBy, 122_880, keep, false);
  }

  @Test
  void theDefaultExportHasOneRowPerAssetWithTheDocumentedColumns(@TempDir Path to) throws Exception {
    ExportSummary summary = ExportJob.run(fromCache(to, null, List.of(), null), directRunner(), QUIET);

    assertThat(summary.published()).isTrue();
    assertThat(summary.rows()).isEqualTo(6);
    assertThat(summary.files()).isEqualTo(1);
    Path run = Path.of(summary.location());
    assertThat(run.getParent()).isEqualTo(to.toAbsolutePath());
    assertThat(run.getFileName().toString()).matches("run-\\d{8}T\\d{6}Z-[0-9a-f]{8}").isEqualTo(summary.runId());
    assertThat(names(to)).containsExactly("LATEST", summary.runId()); // no staging or lock left behind
    assertThat(Files.readString(to.resolve("LATEST"))).as("the newest-run pointer").isEqualTo(summary.runId());
    assertThat(names(run)).containsExactly("_SUCCESS", "data", "manifest.json");
    assertThat(Files.size(run.resolve("_SUCCESS"))).isZero();
    assertThat(names(run.resolve("data"))).containsExactly("data_0.parquet");

    String parquet = "read_parquet('" + run + "/data/**/*.parquet')";
    assertThat(columns("SELECT * FROM " + parquet)).isEqualTo(DEFAULT_COLUMNS);
    assertThat(rows("SELECT count(*), count(DISTINCT content_hash) FROM " + parquet)).containsExactly(List.of("6", "6"));
    // The export holds exactly what the cache holds.
    assertThat(rows("SELECT content_hash, location_count, len(tags) FROM " + parquet + " ORDER BY 1"))
        .isEqualTo(CacheRows.query(cache, "SELECT a.content_hash, a.location_count,"
            + " (SELECT count(*) FROM tags t WHERE t.content_hash = a.content_hash) FROM assets a ORDER BY 1"));
    assertThat(rows("SELECT paths::VARCHAR, storage_types::VARCHAR FROM " + parquet + " WHERE location_count = 2"))
        .containsExactly(List.of("[" + Samples.dir() + "/backup/alley-copy.png, " + Samples.dir()
            + "/renders/neon-alley.png]", "[local]"));
    assertThat(rows("SELECT compression FROM parquet_metadata('" + run + "/data/data_0.parquet') GROUP BY compression"))
        .containsExactly(List.of("ZSTD"));

    ExportManifest manifest = ExportManifest.fromJson(Files.readString(run.resolve("manifest.json")));
    assertThat(manifest.runId()).isEqualTo(summary.runId());
    assertThat(manifest.source()).isEqualTo("cache");
    assertThat(manifest.inputs()).containsExactly(cache.toAbsolutePath().normalize().toString());
    assertThat(manifest.rows()).isEqualTo(6);
    assertThat(manifest.compression()).isEqualTo("zstd");
    assertThat(manifest.files()).hasSize(1);
    assertThat(manifest.files().get(0).path()).isEqualTo("data/data_0.parquet");
    assertThat(manifest.files().get(0).rows()).isEqualTo(6);
    assertThat(manifest.files().get(0).bytes()).isEqualTo(Files.size(run.resolve("data/data_0.parquet")));
    assertThat(manifest.bytes()).isEqualTo(summary.bytes()).isEqualTo(manifest.files().get(0).bytes());
  }

  @Test
  void partitionsBecomeHiveFolders(@TempDir Path to) throws Exception {
    ExportSummary summary = ExportJob.run(fromCache(to, null, List.of("media_type"), null), directRunner(), QUIET);

    Path data = Path.of(summary.location()).resolve("data");
    assertThat(names(data)).containsExactly("media_type=audio", "media_type=image");
    assertThat(rows("SELECT media_type, count(*) FROM read_parquet('" + data + "/**/*.parquet',"
        + " hive_partitioning = true) GROUP BY ALL ORDER BY 1"))
        .isEqualTo(CacheRows.query(cache, "SELECT media_type, count(*) FROM assets GROUP BY ALL ORDER BY 1"));
    ExportManifest manifest = ExportManifest.fromJson(Files.readString(Path.of(summary.location(), "manifest.json")));
    assertThat(manifest.partitionBy()).containsExactly("media_type");
    assertThat(manifest.files()).extracting(f -> f.path().replaceAll("/[^/]+$", ""))
        .containsExactly("data/media_type=audio", "data/media_type=image");
    assertThat(manifest.files().stream().mapToLong(f -> f.rows()).sum()).isEqualTo(6);
  }

  @Test
  void fromFilesGivesTheSameRowsAsFromTheCache(@TempDir Path viaCache, @TempDir Path viaFiles) throws Exception {
    ExportSummary cached = ExportJob.run(fromCache(viaCache, null, List.of(), null), directRunner(), QUIET);
    ExportSummary files = ExportJob.run(new ExportConfig(viaFiles.toString(), work.resolve("no-cache.duckdb"),
        List.of(Samples.dir().toString()), null, List.of(), 122_880, null, false), directRunner(), QUIET);

    assertThat(files.rows()).isEqualTo(6);
    assertThat(names(Path.of(files.location()))).containsExactly("_SUCCESS", "data", "manifest.json");
    assertThat(Files.exists(work.resolve("no-cache.duckdb"))).isFalse();
    String all = "SELECT * EXCLUDE (metadata_json), metadata_json::JSON::VARCHAR FROM read_parquet('%s/data/**/*.parquet')"
        + " ORDER BY content_hash";
    List<List<String>> fromFiles = rows(all.formatted(files.location()));
    assertThat(fromFiles).hasSize(6).isEqualTo(rows(all.formatted(cached.location())));
    assertThat(columns("SELECT * FROM read_parquet('" + files.location() + "/data/**/*.parquet')"))
        .isEqualTo(DEFAULT_COLUMNS);
    ExportManifest manifest = ExportManifest.fromJson(Files.readString(Path.of(files.location(), "manifest.json")));
    assertThat(manifest.source()).isEqualTo("files");
    assertThat(manifest.inputs()).containsExactly(Samples.dir().toString());
  }

  @Test
  void aQueryThatFailsWhileWritingLeavesNothingBehind(@TempDir Path to) throws Exception {
    // Plans fine, fails on the first row: the run was staged and must be removed again.
    String failing = "SELECT content_hash, error('refusing ' || content_hash) AS boom FROM assets";
    assertThatThrownBy(() -> ExportJob.run(fromCache(to, failing, List.of(), null), directRunner(), QUIET))
        .isInstanceOf(IOException.class).hasMessageContaining("refusing sha256:");
    assertThat(names(to)).isEmpty();
  }

  @Test
  void aQueryDuckDbCannotPlanIsAUsageErrorAndWritesNothing(@TempDir Path parent) throws Exception {
    Path to = parent.resolve("exports");
    assertThatThrownBy(() -> ExportJob.run(fromCache(to, "SELECT nope FROM assets", List.of(), null),
        directRunner(), QUIET))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--query: ").hasMessageContaining("nope");
    assertThatThrownBy(() -> ExportJob.run(fromCache(to, null, List.of("colour"), null), directRunner(), QUIET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--partition-by: the query has no column 'colour'");
    assertThat(to).doesNotExist();
  }

  @Test
  void keepPrunesOldPublishedRunsButNotRunsBeingWritten(@TempDir Path to) throws Exception {
    ExportDestination destination = ExportDestination.of(to.toString());
    // Another export still writing (its lock is held) and one that died (lock file left, nobody holds it).
    try (ExportDestination.Staging live = destination.stage("run-20000101T000000Z-0000live".replace("live", "aaaa"))) {
      Files.createDirectory(to.resolve(".staging-run-20000101T000000Z-deadbeef"));
      Files.createFile(to.resolve(".staging-run-20000101T000000Z-deadbeef.lock"));
      List<String> published = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        published.add(ExportJob.run(fromCache(to, "SELECT content_hash FROM assets", List.of(), 2),
            directRunner(), QUIET).runId());
      }
      // The run just published stays, and the newest other by name (these three share a second, so
      // their names sort by the random suffix).
      String last = published.get(2);
      String newestOther = published.subList(0, 2).stream().sorted().toList().get(1);
      assertThat(destination.publishedRuns()).containsExactlyInAnyOrder(last, newestOther);
      assertThat(names(to)).containsExactlyInAnyOrder("LATEST", last, newestOther,
          ".staging-run-20000101T000000Z-0000aaaa", ".staging-run-20000101T000000Z-0000aaaa.lock");
      assertThat(live.dir()).isDirectory();
    }
    assertThat(names(to)).hasSize(3); // the two runs and LATEST
  }

  @Test
  void exitCodesTellSchedulersWhatHappened(@TempDir Path to) {
    String cacheArg = cache.toString();
    assertThat(cli("export", "--to", to.toString(), "--cache", cacheArg)).isZero();
    assertThat(cli("export", "--to", to.toString(), "--cache", cacheArg,
        "--query", "SELECT content_hash, error('x') FROM assets")).isEqualTo(1);
    assertThat(cli("export", "--to", to.toString(), "--cache", cacheArg, "--query", "SELEC 1")).isEqualTo(2);
    assertThat(cli("export", "--to", to.toString(), "--cache", cacheArg, "--keep", "0")).isEqualTo(2);
    assertThat(cli("export", "--to", to.toString(), "--cache", cacheArg,
        "--query", "SELECT * FROM assets WHERE false")).isEqualTo(3);
    assertThat(cli("export", "--to", to.toString(), "--cache", to.resolve("missing.duckdb").toString())).isEqualTo(1);
    assertThat(names(to)).hasSize(2); // only the first run was published (and LATEST names it)
  }

  private static int cli(String... args) {
    var cli = AliceCommand.commandLine();
    cli.setOut(new java.io.PrintWriter(java.io.Writer.nullWriter()));
    cli.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
    return cli.execute(args);
  }

  static List<String> names(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<List<String>> rows(String sql) throws Exception {
    return CacheRows.inMemory(sql);
  }


  static List<String> columns(String sql) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery(sql + " LIMIT 0")) {
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
        names.add(rows.getMetaData().getColumnName(i));
      }
      return names;
    }
  }
}
