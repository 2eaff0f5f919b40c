package ai.alicemultiverse.cli;

import ai.alicemultiverse.library.JobScope;
import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.ScanConfig;
import ai.alicemultiverse.pipelines.ScanPipeline;
import ai.alicemultiverse.pipelines.ScanSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Find where media lives now, after files were moved, copied or deleted.",
      "",
      "Reads the content hash embedded in every media file under LOCATION (hashing only files that have "
          + "none) and updates the cache in place: a file found at a new path is added to its asset's "
          + "locations; a known location under LOCATION that is gone is removed from the cache, with its asset "
          + "when no copy of it is left (or re-pointed when the same media turned up elsewhere in this scan: a "
          + "move), as a rebuild of the same files would. Prints what moved, appeared and vanished.",
      ""
    },
    footer = {
      "",
      "A scan changes only what it looked at: locations and error rows under the LOCATIONs given (by "
          + "whole folder or key segments: /x/sun does not hold /x/sunset.jpg) are brought up to date, those "
          + "of other roots are left alone; nothing under a folder it could not read is judged vanished. Every "
          + "file it reads gives its asset its new metadata, tags, description, size and standard values, and "
          + "each asset it touched is merged again from all its present copies, as a rebuild merges them.",
      "",
      "With no LOCATION, the locations of the library file are scanned: --config FILE, else ./alice.toml, "
          + "else $XDG_CONFIG_HOME/alice/alice.toml ('alice init' writes a starter one). Its cache is used "
          + "unless --cache is given, and its storage settings unless the same --s3-*/--gcs-* flag is given.",
      "",
      "Beam pipeline options pass through, e.g. --runner=DirectRunner.",
      "Examples:",
      "  alice scan                          # the locations of alice.toml",
      "  alice scan ~/Pictures/ai --cache ~/alice.duckdb",
      "  alice scan /mnt/backup /archive"
    })
final class ScanCommand implements Callable<Integer> {
  @Parameters(paramLabel = "LOCATION", arity = "0..*",
      description = "Folders or files to scan: local, s3://bucket/prefix, gs://bucket/prefix (default: the"
          + " library file's locations).")
  List<String> locations = new ArrayList<>();

  @Option(names = "--cache", paramLabel = "FILE",
      description = "DuckDB cache to update (created when missing; default: the library file's cache, else"
          + " alice.duckdb).")
  Path cache;

  @Option(names = "--parquet", paramLabel = "DIR",
      description = "The cache's Parquet folder (default: <cache name>-parquet next to the cache).")
  Path parquet;

  @Option(names = "--full",
      description = "Read every file. By default a scan reuses the cache's row of every location whose path and"
          + " change signature are unchanged, without opening the file.")
  boolean full;

  @Mixin StorageOptions storageOptions = new StorageOptions();

  @Mixin LibraryOption library = new LibraryOption();

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    JobScope scope = library.scope(locations, cache, storageOptions.flags());
    ScanConfig config = new ScanConfig(scope.roots(), scope.cacheFile(),
        parquet != null ? parquet : RebuildConfig.defaultParquetDir(scope.cacheFile()), full, scope.labels());
    ScanSummary summary =
        ScanPipeline.run(config, BeamArgs.parse(scope.storage().withBeamArgs(beamArgs)), System.err);
    System.out.println(summary.describe());
    return summary.errors() == 0 ? 0 : 1;
  }
}
