package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.beam.ExtractMedia;
import ai.alicemultiverse.beam.ExtractMediaFn;
import ai.alicemultiverse.beam.LabelStorage;
import ai.alicemultiverse.beam.MatchMedia;
import ai.alicemultiverse.beam.MergeByContentHash;
import ai.alicemultiverse.beam.RecordCoders;
import ai.alicemultiverse.beam.RootPatterns;
import ai.alicemultiverse.beam.WriteParquet;
import ai.alicemultiverse.cache.CacheLoader;
import ai.alicemultiverse.cache.CacheLock;
import ai.alicemultiverse.cache.InPlaceRebuild;
import ai.alicemultiverse.cache.RunInfo;
import ai.alicemultiverse.io.Reasons;
import ai.alicemultiverse.model.AssetRecord;
import ai.alicemultiverse.model.MediaRecord;
import ai.alicemultiverse.model.StorageLabels;
import ai.alicemultiverse.storage.StorageDefaults;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The main job: rebuild the whole cache from the files alone.
 *
 * <pre>
 *   roots → MatchMedia → ExtractMedia ─ records → MergeByContentHash → WriteParquet(assets) ┐
 *             │  │                   └ errors  → WriteParquet(errors) ───────────────────────┴→ DuckDB (swap)
 *             │  └ stale locations (incremental) → WriteParquet(stale) ─────────────────────┘   or in place
 *             └ unreadable folders ──────────────┘
 * </pre>
 *
 * Incremental by default: a location whose path, change signature and storage type are those the cache
 * holds is not opened and its rows stay where they are; the job writes only what changed, which the cache
 * applies in place ({@link InPlaceRebuild}, by the same merge rule). A re-run that finds nothing changed
 * writes its runs row and nothing else. {@code full} (or a missing, unreadable or older cache) reads every
 * file and loads a new cache.
 *
 * A folder that could not be read is an error row, and the swap keeps the old cache's locations under it
 * ({@link CacheLoader}): its files were not seen, which does not make them gone.
 */
public final class RebuildPipeline {
  private RebuildPipeline() {}

  /**
   * Adds the rebuild's steps to {@code pipeline}, writing Parquet shards under {@code runDir}: a
   * local folder or an s3:// or gs:// prefix.
   */
  public static void build(Pipeline pipeline, List<String> patterns, String runDir, boolean verify) {
    build(pipeline, patterns, runDir, verify, StorageLabels.none());
  }

  /** {@link #build(Pipeline, List, String, boolean)}, the files under labelled locations typed by their label. */
  public static void build(Pipeline pipeline, List<String> patterns, String runDir, boolean verify,
      StorageLabels labels) {
    PCollectionTuple matched = pipeline.apply("MatchMedia", MatchMedia.of(patterns));
    PCollectionTuple extracted = matched.get(MatchMedia.FILES)
        .apply("ExtractMedia", verify ? ExtractMedia.verifying() : ExtractMedia.fast());
    LabelStorage.apply(extracted.get(ExtractMediaFn.RECORDS), labels)
        .apply("MergeByContentHash", MergeByContentHash.create())
        .apply("WriteAssets", WriteParquet.assets(runDir + "/assets"));
    writeErrors(matched, extracted, runDir);
  }

  /**
   * The steps of an incremental rebuild that changes the cache in place ({@link InPlaceRebuild}): only the
   * files whose location in {@code knownLocations} (see {@link PreviousRun#prepareLocations}) is not
   * unchanged are read, and only what changed is written under {@code runDir}: the records read ({@code
   * assets}), the errors, and the stale locations' paths ({@code stale}).
   */
  static void buildChanges(Pipeline pipeline, List<String> patterns, String runDir, StorageLabels labels,
      String knownLocations) {
    PCollectionTuple matched = pipeline.apply("MatchMedia", MatchMedia.changes(patterns, knownLocations, labels));
    PCollectionTuple extracted = matched.get(MatchMedia.FILES).apply("ExtractMedia", ExtractMedia.fast());
    LabelStorage.apply(extracted.get(ExtractMediaFn.RECORDS), labels)
        .apply("MergeByContentHash", MergeByContentHash.create())
        .apply("WriteAssets", WriteParquet.assets(runDir + "/assets"));
    writeErrors(matched, extracted, runDir);
    matched.get(MatchMedia.STALE).apply("WriteStale", WriteParquet.paths(runDir + "/stale"));
  }

  private static void writeErrors(PCollectionTuple matched, PCollectionTuple extracted, String runDir) {
    PCollectionList.of(matched.get(MatchMedia.UNREADABLE)).and(extracted.get(ExtractMediaFn.ERRORS))
        .apply("AllErrors", Flatten.pCollections())
        .setCoder(RecordCoders.fileError())
        .apply("WriteErrors", WriteParquet.errors(runDir + "/errors"));
  }

  public static RebuildSummary run(RebuildConfig config, PipelineOptions options, PrintStream progress)
      throws IOException {
    OutputPaths.checkCache(config.cacheFile());
    OutputPaths.checkParquet(config.parquetDir(), config.roots());
    PhaseClock clock = PhaseClock.sinceJvmStart("rebuild");
    List<String> patterns = RootPatterns.of(config.roots());
    Instant started = Instant.now();
    String runId = RunFolders.runId(started);
    HandOff handOff = HandOff.at(config.parquetDir());
    String runDir = handOff.run(runId);

    // Held from before the pipeline until the old hand-off folders are gone: a second rebuild of this cache
    // refuses at once instead of racing this one (and deleting its Parquet shards while they are written).
    try (CacheLock lock = CacheLoader.lockForRebuild(config.cacheFile())) {
      try {
        return runLocked(config, options, progress, lock, patterns, started, runId, handOff, runDir, clock);
      } catch (IOException | RuntimeException | Error e) {
        try {
          handOff.delete(runDir); // a failed run's shards are never loaded: leave no half hand-off behind
        } catch (IOException | RuntimeException cleanup) {
          e.addSuppressed(cleanup); // the first failure is the one to report
        }
        throw e;
      }
    }
  }

  private static RebuildSummary runLocked(RebuildConfig config, PipelineOptions options, PrintStream progress,
      CacheLock lock, List<String> patterns, Instant started, String runId, HandOff handOff, String runDir,
      PhaseClock clock) throws IOException {
    StorageDefaults.forRoots(options, Stream.concat(patterns.stream(), Stream.of(config.parquetDir())).toList());
    FileSystems.setDefaultPipelineOptions(options); // the hand-off is reached with the job's storage options
    handOff.checkWritable(runDir);
    PreviousRun previous = config.full() ? PreviousRun.full("--full")
        : config.verify() ? PreviousRun.full("--verify reads every file")
        : PreviousRun.prepareLocations(config.cacheFile(), runDir);
    clock.lap("known locations");
    Pipeline pipeline = Pipeline.create(options);
    if (previous.incremental()) {
      buildChanges(pipeline, patterns, runDir, config.labels(), previous.copies());
    } else {
      build(pipeline, patterns, runDir, config.verify(), config.labels());
    }
    JobRun job;
    try {
      job = JobRun.complete("rebuild", pipeline, options, progress, patterns.size());
    } catch (Pipeline.PipelineExecutionException e) {
      // Beam's message is a chain of class names (a failed S3 listing says neither root nor object)
      throw new IOException("the rebuild of " + String.join(", ", config.roots()) + " failed"
          + (inParquetWrite(e) ? " writing its Parquet hand-off " + runDir : "") + ": " + Reasons.message(e), e);
    }
    clock.lap("pipeline");
    handOff.removeBeamTemps(runDir);
    previous.remove(); // read by the pipeline, of no use after it
    RunInfo run = job.runInfo(runId, started, config.roots(), previous.kind());
    try (HandOff.Shards shards = handOff.fetch(runDir, config.cacheFile(), previous.incremental())) {
      clock.lap("fetch shards");
      if (previous.incremental()) {
        run = InPlaceRebuild.apply(lock, shards.assets(), shards.errors(), shards.stale(), run).run();
        clock.lap("apply in place");
      } else {
        clock.steps(CacheLoader.rebuild(lock, shards.assets(), shards.errors(), run));
      }
    }
    handOff.removeOlderRuns(runDir); // the hand-off keeps the newest run's shards (an in-place one's: its changes)
    clock.lap("clean-up");
    clock.log();
    return new RebuildSummary(run.filesMatched(), run.filesIndexed(), run.uniqueHashes(), run.errors(),
        JobRun.secondsSince(started), config.cacheFile().toAbsolutePath().normalize(), runDir,
        PreviousRun.describe(run, previous.fullBecause()), run.skippedByKind());
  }

  /** Classes on the stack of a Parquet shard's write: ours ({@code WriteParquet}'s sink) and Beam's. */
  private static final List<String> PARQUET_WRITERS = List.of("ai.alicemultiverse.beam.EncodedRowsParquetSink",
      "org.apache.beam.sdk.io.FileBasedSink", "org.apache.beam.sdk.io.WriteFiles");

  /**
   * Whether the failure came from writing the Parquet shards: Beam's file sinks are on its stack
   * (an object store's upload error names neither the file nor the bucket).
   */
  static boolean inParquetWrite(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (StackTraceElement frame : t.getStackTrace()) {
        String type = frame.getClassName();
        if (PARQUET_WRITERS.stream().anyMatch(type::startsWith)) {
          return true;
        }
      }
    }
    return false;
  }

}
