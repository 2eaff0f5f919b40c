package ai.alicemultiverse.cli;

import ai.alicemultiverse.export.ExportSql;
import ai.alicemultiverse.pipelines.ExportConfig;
import ai.alicemultiverse.pipelines.ExportJob;
import ai.alicemultiverse.pipelines.ExportSummary;
import ai.alicemultiverse.storage.StorageFlags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export the cache (or the files themselves) as zstd Parquet for analytics, made for schedulers.",
      "",
      "Each run writes into its own folder, run-<UTC time>-<id>, under --to. The run is written under a "
          + "hidden name and published only when complete, holding manifest.json (files, rows, bytes, the "
          + "query) and an empty _SUCCESS marker: a reader never sees half an export. Then LATEST, beside the "
          + "runs, is replaced with the name of the run just published (written last, so it only ever names "
          + "a complete run).",
      "Each run is a full snapshot: read the one LATEST names, never a pattern over run-* (that counts "
          + "every row once per kept run, and fails when runs are partitioned differently).",
      "",
      "The default query gives one row per asset: typed columns, generated_date (UTC day of generated_at), "
          + "tags as a list of {category, value}, paths, storage_types and the metadata as JSON. --query runs "
          + "one SELECT over the cache's tables: assets, locations, tags, errors. It can read, write or attach "
          + "no file (COPY, ATTACH, read_text, glob are refused) unless --allow-read names a folder.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:a run was published",
      "1:the export failed (nothing was published; the run's partial files were removed)",
      "2:usage: a bad option, a --query DuckDB cannot plan, an unknown --partition-by column",
      "3:nothing to export: the query returned no rows (nothing was published)"
    },
    footer = {
      "",
      "s3:// and gs:// destinations: the run is written locally, then uploaded with _SUCCESS last and the "
          + "LATEST object after it (object stores cannot rename folders; readers must check for _SUCCESS). "
          + "Storage flags and credentials work as in 'alice rebuild'. Beam options pass through with "
          + "--from-files.",
      "",
      "Reading the newest run, in a shell:",
      "  latest=$(cat /data/exports/LATEST)",
      "  duckdb -c \"SELECT count(*) FROM '/data/exports/$latest/data/**/*.parquet'\"",
      "in DuckDB SQL:",
      "  SET VARIABLE run = (SELECT content FROM read_text('/data/exports/LATEST'));",
      "  SELECT count(*) FROM read_parquet(",
      "    '/data/exports/' || getvariable('run') || '/data/**/*.parquet');",
      "",
      "Examples:",
      "  alice export --to /data/exports --keep 14",
      "  alice export --to /data/exports --partition-by media_type,generated_date",
      "  alice export --to s3://lake/alice \\",
      "      --query \"SELECT provider, model, count(*) AS n FROM assets GROUP BY ALL\"",
      "  alice export --to /data/exports --from-files /archive/2024 /archive/2025",
      "Cron, every night at 02:15 (one crontab line):",
      "  15 2 * * * cd /srv/alice && ./alice export --to /data/exports --keep 14 >>export.log 2>&1"
    })
final class ExportCommand implements Callable<Integer> {
  static final int NOTHING_TO_EXPORT = 3;

  @Option(names = "--to", paramLabel = "DIR|s3://…|gs://…", required = true,
      description = "Where runs are published: a local folder, s3://bucket/prefix or gs://bucket/prefix.")
  String to;

  @Option(names = "--cache", paramLabel = "FILE",
      description = "DuckDB cache to read, opened read-only (default: the library file's cache, else"
          + " alice.duckdb).")
  Path cache;

  @Mixin LibraryOption library = new LibraryOption();

  @Option(names = "--from-files", paramLabel = "PATH", arity = "1..*",
      description = "Read the files themselves instead of the cache: runs the rebuild's extraction and"
          + " writes Parquet only (for archives too large to cache on one machine).")
  List<String> fromFiles = new ArrayList<>();

  @Option(names = "--query", paramLabel = "SQL",
      description = "SELECT over assets, locations, tags, errors (default: one flattened row per asset).")
  String query;

  @Option(names = "--allow-read", paramLabel = "DIR",
      description = "A folder whose files --query may read by path, e.g. other Parquet (repeatable; default:"
          + " none: the query reaches the cache's tables and no file).")
  List<Path> allowRead = new ArrayList<>();

  @Option(names = "--partition-by", paramLabel = "COLUMN", split = ",",
      description = "Hive partition columns of the result, e.g. media_type,generated_date.")
  List<String> partitionBy = new ArrayList<>();

  @Option(names = "--row-group-size", paramLabel = "ROWS", defaultValue = "" + ExportSql.DEFAULT_ROW_GROUP_SIZE,
      description = "Rows per Parquet row group (default: ${DEFAULT-VALUE}).")
  int rowGroupSize;

  @Option(names = "--keep", paramLabel = "N",
      description = "After publishing, keep only the newest N published runs (runs still being written"
          + " by another export are never touched).")
  Integer keep;

  @Option(names = "--verify", description = "With --from-files: recompute every content hash from the media.")
  boolean verify;

  @Mixin StorageOptions storageOptions = new StorageOptions();

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (verify && fromFiles.isEmpty()) {
      throw new IllegalArgumentException("--verify applies to --from-files only");
    }
    ExportConfig config = new ExportConfig(to, library.cache(cache), fromFiles, query, partitionBy, rowGroupSize,
        keep, verify, allowRead);
    StorageFlags storage = storageOptions.flags();
    ExportSummary summary = ExportJob.run(config, BeamArgs.parse(storage.withBeamArgs(beamArgs)), System.err);
    System.out.println(summary.describe());
    return summary.published() ? 0 : NOTHING_TO_EXPORT;
  }
}
