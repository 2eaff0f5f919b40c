package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.beam.LabelStorage;
import ai.alicemultiverse.beam.MatchMedia;
import ai.alicemultiverse.beam.MergeByContentHash;
import ai.alicemultiverse.beam.PipelineCounters;
import ai.alicemultiverse.beam.RecordCoders;
import ai.alicemultiverse.beam.RootPatterns;
import ai.alicemultiverse.beam.WriteParquet;
import ai.alicemultiverse.cache.CacheScan;
import ai.alicemultiverse.cache.RunInfo;
import ai.alicemultiverse.model.AssetRecord;
import ai.alicemultiverse.model.FileError;
import ai.alicemultiverse.model.MediaRecord;
import ai.alicemultiverse.model.StorageType;
import ai.alicemultiverse.storage.StorageDefaults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * New media in: hash, import generator metadata, understand, embed, then update the cache in place.
 *
 * <pre>
 *   paths → MatchMedia → Ingest (per file: hash, generator import, understanding, safe embed)
 *             ├ records → MergeByContentHash → WriteParquet(assets) ┐
 *             ├ errors  → WriteParquet(errors) ─────────────────────┴→ CacheScan (in place)
 *             └ actions → the per-file report
 * </pre>
 *
 * The cache changes as a scan of the same roots changes it: under them, a file gone or now unreadable
 * loses its location, an earlier error of a file read now is gone; other roots are left alone.
 * Each run's Parquet stays under {@code <parquet>/ingest/run-<id>/} as the ingest history. A folder that
 * cannot be read is an error row, as an unreadable file is.
 */
public final class IngestPipeline {
  private IngestPipeline() {}

  /** Adds the ingest's steps to {@code pipeline}, writing its output under {@code runDir}. */
  public static void build(Pipeline pipeline, List<String> patterns, Path runDir, IngestConfig config) {
    PCollectionTuple matched = pipeline.apply("MatchMedia", MatchMedia.of(patterns));
    PCollectionTuple ingested = matched.get(MatchMedia.FILES)
        .apply("Ingest", ParDo.of(new IngestFn(config.provider(), config.dryRun(), config.force(),
                IngestLinks.of(patterns), config.mtime(), config.followLinks()))
            .withOutputTags(IngestFn.RECORDS, TupleTagList.of(IngestFn.ERRORS).and(IngestFn.ACTIONS)));
    PCollection<MediaRecord> records =
        ingested.get(IngestFn.RECORDS).setCoder(RecordCoders.mediaRecord());
    PCollection<FileError> errors = PCollectionList.of(matched.get(MatchMedia.UNREADABLE))
        .and(ingested.get(IngestFn.ERRORS).setCoder(RecordCoders.fileError()))
        .apply("AllErrors", Flatten.pCollections())
        .setCoder(RecordCoders.fileError());
    PCollection<String> actions = ingested.get(IngestFn.ACTIONS).setCoder(StringUtf8Coder.of());
    PCollection<AssetRecord> assets =
        LabelStorage.apply(records, config.labels()).apply("MergeByContentHash", MergeByContentHash.create());
    assets.apply("WriteAssets", WriteParquet.assets(runDir.resolve("assets").toString()));
    errors.apply("WriteErrors", WriteParquet.errors(runDir.resolve("errors").toString()));
    actions.apply("WriteActions", TextIO.write().to(runDir.resolve("actions").resolve("actions").toString())
        .withSuffix(".tsv"));
  }

  public static IngestSummary run(IngestConfig config, PipelineOptions options, PrintStream progress)
      throws IOException {
    OutputPaths.checkCache(config.cacheFile());
    List<String> patterns = RootPatterns.of(config.paths());
    for (String pattern : patterns) {
      if (StorageType.isObjectStore(pattern)) {
        throw new IllegalArgumentException(pattern + ": ingest writes metadata into the files, so it needs local"
            + " or mounted paths (use 'alice rebuild' or 'alice scan' for object storage)");
      }
    }
    Instant started = Instant.now();
    String runId = RunFolders.runId(started);
    // A run's lock tells the next ingest whether its folder belongs to a live run or a killed one.
    // A dry run writes its plan to a temporary folder, locked the same way.
    IngestRuns.Live live = config.dryRun()
        ? IngestRuns.startDryRun(runId)
        : IngestRuns.start(config.parquetDir().toAbsolutePath().normalize().resolve("ingest"), runId);
    Path runDir = live.runDir();
    try {
      StorageDefaults.forRoots(options, patterns);
      Pipeline pipeline = Pipeline.create(options);
      build(pipeline, patterns, runDir, config);
      JobRun job = JobRun.complete("ingest", pipeline, options, progress, patterns.size());
      List<String> actions = RunFolders.lines(runDir.resolve("actions"));
      Path cache = config.cacheFile().toAbsolutePath().normalize();
      if (!config.dryRun()) {
        RunInfo run = job.runInfo("ingest-" + runId, started, config.paths());
        // what it looked at, as a scan: a file under its roots it found damaged or gone has no location any more
        CacheScan.apply(cache, ScanPipeline.scannedRoots(config.paths()),
            RunFolders.files(runDir.resolve("assets"), ".parquet"), RunFolders.files(runDir.resolve("errors"), ".parquet"),
            run);
        live.committed();
      }
      return new IngestSummary(job.counter(PipelineCounters.MATCHED), job.counter(IngestFn.WRITTEN),
          job.counter(IngestFn.UNCHANGED), job.counter(PipelineCounters.ERRORS), JobRun.secondsSince(started), cache,
          config.dryRun() ? null : runDir, config.dryRun(), actions);
    } finally {
      live.close(); // a dry run is never committed: its folder goes
    }
  }
}
