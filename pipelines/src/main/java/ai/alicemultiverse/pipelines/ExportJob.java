package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.storage.StorageDefaults;
import ai.alicemultiverse.beam.RootPatterns;
import ai.alicemultiverse.cache.DuckDbErrors;
import ai.alicemultiverse.cache.UserSql;
import ai.alicemultiverse.export.ExportDestination;
import ai.alicemultiverse.export.ExportFile;
import ai.alicemultiverse.export.ExportManifest;
import ai.alicemultiverse.export.ExportSql;
import ai.alicemultiverse.export.RunNames;
import ai.alicemultiverse.export.ShardViews;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * One scheduled analytics export: a query over the cache (or over the files themselves, with no
 * cache) written as zstd Parquet into a run folder that is published only when complete.
 *
 * <pre>
 *   plan the query (nothing written if it is wrong)
 *   → stage .staging-run-…           cache: DuckDB COPY from the read-only cache
 *                                     files: MatchMedia → ExtractMedia → MergeByContentHash → WriteParquet
 *                                            (shards), then DuckDB COPY over views of the shards
 *   → manifest.json + _SUCCESS → publish (rename, or upload with _SUCCESS last) → prune (--keep)
 * </pre>
 */
public final class ExportJob {
  private static final String SHARDS = ".shards";

  private ExportJob() {}

  public static ExportSummary run(ExportConfig config, PipelineOptions options, PrintStream progress)
      throws IOException {
    OutputPaths.checkExportTo(config.to(), config.cacheFile(), config.fromCache());
    ExportDestination destination = ExportDestination.of(config.to());
    FileSystems.setDefaultPipelineOptions(options); // s3:// and gs:// destinations use the storage options
    Instant started = Instant.now();
    String runId = RunNames.next(started);
    // The query is the user's: it may reach the run's own folder and the folders they allowed, no other file.
    List<Path> readable = new ArrayList<>(config.allowRead());
    readable.add(destination.stagingDir(runId));
    try (Connection db = config.fromCache() ? openCache(config.cacheFile(), readable) : UserSql.openInMemory(readable)) {
      if (!config.fromCache()) {
        try (Statement sql = db.createStatement()) {
          ShardViews.create(sql, List.of(), List.of()); // the shape only, to plan the query now
        }
      }
      String query = config.query() == null ? ExportSql.DEFAULT_QUERY
          : UserSql.requireOneSelect(db, ExportSql.normalize(config.query()), "--query");
      ExportSql.checkPartitionColumns(config.partitionBy(), ExportSql.columns(db, query));

      try (ExportDestination.Staging staging = destination.stage(runId)) {
        Path data = staging.dir().resolve(RunNames.DATA);
        long rows;
        if (config.fromCache()) {
          progress.println("exporting " + config.cacheFile() + " to " + destination.location(runId));
          rows = ExportSql.copy(db, query, config.partitionBy(), config.rowGroupSize(), data);
        } else {
          progress.println("extracting " + String.join(", ", config.fromFiles()) + " for " + destination.location(runId));
          rows = exportFromFiles(db, config, query, options, staging.dir(), data);
        }
        if (rows == 0) {
          return new ExportSummary(false, runId, null, 0, 0, 0, List.of(), seconds(started));
        }
        List<ExportFile> files = ExportSql.describe(db, staging.dir());
        long bytes = files.stream().mapToLong(ExportFile::bytes).sum();
        ExportManifest manifest = new ExportManifest(ExportManifest.FORMAT_VERSION, runId, started.toString(),
            Instant.now().toString(), config.fromCache() ? "cache" : "files",
            config.fromCache() ? List.of(config.cacheFile().toAbsolutePath().normalize().toString()) : config.fromFiles(),
            query, config.partitionBy(), "zstd", config.rowGroupSize(), rows, bytes, files);
        String location = destination.publish(staging, manifest);
        List<String> pruned = config.keep() == null ? List.of() : destination.prune(config.keep(), runId);
        return new ExportSummary(true, runId, location, rows, bytes, files.size(), pruned, seconds(started));
      }
    } catch (SQLException e) {
      throw new IOException("export failed: " + DuckDbErrors.reason(e), e);
    }
  }

  /** The cache is only read: opening it read-only also lets a watch or a rebuild go on beside us. */
  static Connection openCache(Path cacheFile, List<Path> readable) throws SQLException, IOException {
    Path cache = cacheFile.toAbsolutePath().normalize();
    if (!Files.isRegularFile(cache)) {
      throw new NoSuchFileException(cache.toString(), null, "no cache here (run 'alice rebuild' first,"
          + " or export straight from the files with --from-files)");
    }
    return UserSql.openCache(cache, Duration.ZERO, readable);
  }

  /** Runs the rebuild's extraction steps into shards inside the run, then the query over them. */
  private static long exportFromFiles(Connection db, ExportConfig config, String query, PipelineOptions options,
      Path runDir, Path data) throws IOException, SQLException {
    Path shards = runDir.resolve(SHARDS);
    List<String> patterns = RootPatterns.of(config.fromFiles());
    StorageDefaults.forRoots(options, patterns);
    Pipeline pipeline = Pipeline.create(options);
    RebuildPipeline.build(pipeline, patterns, shards.toString(), config.verify());
    PipelineResult.State state = pipeline.run().waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IOException("the extraction pipeline ended in state " + state);
    }
    try (Statement sql = db.createStatement()) {
      for (String view : List.of("errors", "tags", "locations", "assets", "asset_shards")) {
        sql.execute("DROP VIEW " + view);
      }
      ShardViews.create(sql, RunFolders.files(shards.resolve("assets"), ".parquet"),
          RunFolders.files(shards.resolve("errors"), ".parquet"));
    }
    long rows = ExportSql.copy(db, query, config.partitionBy(), config.rowGroupSize(), data);
    deleteTree(shards); // the hand-off is not part of the export
    return rows;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static double seconds(Instant started) {
    return (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0;
  }
}
