package ai.alicemultiverse.cli;

import ai.alicemultiverse.io.Reasons;
import ai.alicemultiverse.library.JobScope;
import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.pipelines.RebuildSummary;
import ai.alicemultiverse.search.CacheFiles;
import ai.alicemultiverse.search.CacheReports;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

@Command(
    name = "rebuild",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuild the whole cache from the files alone (the main job).",
      "",
      "Finds every media file under PATH (folders recursively, globs as given), reads the metadata "
          + "embedded in each file and its content hash, merges copies of the same media into one row "
          + "with all their locations, writes zstd Parquet shards and loads them into a new DuckDB file "
          + "that replaces the old cache in one atomic step. Unreadable files are reported, not fatal.",
      "",
      "A rebuild changes only what it looked at: locations and error rows of the old cache outside the "
          + "PATHs given (by whole folder or key segments: /x/sun does not hold /x/sunset.jpg), e.g. another "
          + "root's or those a watch added, are kept as they were, and so are the locations under a folder it "
          + "could not read; each asset is then merged again from all its present copies. Give every root to "
          + "drop the rows of roots that are gone.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the cache was rebuilt (files that could not be read are listed, and are errors rows)",
      "1:the rebuild failed; the old cache is unchanged",
      "2:usage error",
      RebuildCommand.SOME_FILES_FAILED + ":with --fail-on-error, the cache was rebuilt but some files or folders could"
          + " not be read"},
    footer = {
      "",
      "With no PATH, the locations of the library file are rebuilt: --config FILE, else ./alice.toml, "
          + "else $XDG_CONFIG_HOME/alice/alice.toml ('alice init' writes a starter one). Its cache is used "
          + "unless --cache is given, and its storage settings unless the same --s3-*/--gcs-* flag is given.",
      "",
      "s3://bucket/prefix and gs://bucket/prefix are scanned recursively, in the same "
          + "job as local folders. S3 credentials come from the AWS default chain "
          + "(AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY, AWS_PROFILE, instance roles), GCS "
          + "credentials from GOOGLE_APPLICATION_CREDENTIALS or gcloud's application-default "
          + "login. No flag takes a secret.",
      "",
      "Beam pipeline options pass through, e.g. --runner=DirectRunner --targetParallelism=4.",
      "Examples:",
      "  alice rebuild                      # the locations of alice.toml",
      "  alice rebuild ~/Pictures/ai",
      "  alice rebuild /archive/2024 /archive/2025 --cache /archive/alice.duckdb --verify",
      "  alice rebuild ~/Pictures s3://media/ai gs://team/2025 --s3-region eu-west-1",
      "  alice rebuild s3://media/ai --s3-endpoint http://nas.local:9000 --s3-path-style",
      "  alice rebuild s3://media/ai --parquet s3://media/alice-parquet \\",
      "      --runner=FlinkRunner --flinkMaster=jm:8081 --parallelism=16"
    })
final class RebuildCommand implements Callable<Integer> {

  @Parameters(paramLabel = "PATH", arity = "0..*",
      description = "Local folders, files or globs, and s3:// or gs:// bucket prefixes (default: the library"
          + " file's locations).")
  List<String> roots = new ArrayList<>();

  @Option(names = "--cache", paramLabel = "FILE",
      description = "DuckDB cache file to (re)create (default: the library file's cache, else alice.duckdb in the"
          + " working folder).")
  Path cache;

  @Option(names = "--parquet", paramLabel = "DIR",
      description = "Folder or s3:// / gs:// prefix for the Parquet hand-off (default: <cache name>-parquet next"
          + " to the cache). A prefix is for workers that share no disk with this process (a Flink cluster).")
  String parquet;

  @Option(names = "--verify",
      description = "Recompute every content hash from the media instead of trusting embedded ones.")
  boolean verify;

  @Option(names = "--full",
      description = "Read every file and load a new cache. By default a rebuild is incremental when the cache exists:"
          + " a location whose path and change signature (local: size, mtime, ctime, inode, device; S3: ETag, size;"
          + " GCS: MD5, size) are unchanged keeps its row without its file being opened, and the cache is changed in"
          + " place, in one transaction, by what changed only (a re-run that finds nothing changed writes its runs"
          + " row alone).")
  boolean full;

  @Option(names = "--fail-on-error",
      description = "Exit with code " + SOME_FILES_FAILED + " when a file or folder could not be read (the cache is"
          + " still rebuilt), for scripts and CI; without it such a run exits 0, as the errors are in the cache.")
  boolean failOnError;

  /** The exit code of a rebuild that completed with unreadable files, under --fail-on-error. */
  static final int SOME_FILES_FAILED = 3;

  @Mixin StorageOptions storageOptions = new StorageOptions();

  @Mixin LibraryOption library = new LibraryOption();

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    JobScope scope = library.scope(roots, cache, storageOptions.flags());
    RebuildConfig config = new RebuildConfig(scope.roots(), scope.cacheFile(),
        parquet != null ? parquet : RebuildConfig.defaultParquetDir(scope.cacheFile()).toString(), verify, full,
        scope.labels());
    RebuildSummary summary =
        RebuildPipeline.run(config, BeamArgs.parse(scope.storage().withBeamArgs(beamArgs)), System.err);
    System.out.println(summary.describe());
    if (summary.errors() > 0) {
      printErrors(summary.cacheFile(), 10);
    }
    return failOnError && summary.errors() > 0 ? SOME_FILES_FAILED : 0;
  }

  private static void printErrors(Path cacheFile, int limit) throws Exception {
    try (Connection db = CacheFiles.openReadOnly(cacheFile)) {
      CacheReports.Problems problems = new CacheReports(db).errors(limit);
      System.out.println("errors:");
      for (CacheReports.FileProblem problem : problems.first()) {
        System.out.println("  " + Reasons.printable(problem.path()) + ": " + Reasons.printable(problem.reason()));
      }
      if (problems.total() > limit) {
        System.out.println("  ... and " + (problems.total() - limit) + " more (SELECT * FROM errors)");
      }
    }
  }
}
