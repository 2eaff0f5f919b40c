package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.beam.ExtractMedia;
import ai.alicemultiverse.beam.ExtractMediaFn;
import ai.alicemultiverse.beam.LabelStorage;
import ai.alicemultiverse.beam.MatchMedia;
import ai.alicemultiverse.beam.MergeByContentHash;
import ai.alicemultiverse.beam.RecordCoders;
import ai.alicemultiverse.beam.RootPatterns;
import ai.alicemultiverse.beam.WriteParquet;
import ai.alicemultiverse.cache.CacheScan;
import ai.alicemultiverse.cache.RunInfo;
import ai.alicemultiverse.model.MediaRecord;
import ai.alicemultiverse.model.Root;
import ai.alicemultiverse.model.StorageLabels;
import ai.alicemultiverse.storage.StorageDefaults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Finds where media lives now: reads the embedded content hash of every file under the locations
 * (hashing only files without one), then updates the cache's locations in place.
 *
 * <pre>
 *   locations → MatchMedia → ExtractMedia(fast) ─ records → MergeByContentHash → WriteParquet(assets) ┐
 *                 │                             └ errors  → WriteParquet(errors) ───────────────────────┴→ CacheScan
 *                 └ unreadable folders ───────────────────────┘
 * </pre>
 *
 * Nothing under a folder that could not be read is judged vanished ({@link CacheScan}).
 */
public final class ScanPipeline {
  private ScanPipeline() {}

  public static void build(Pipeline pipeline, List<String> patterns, Path runDir, StorageLabels labels) {
    build(pipeline, patterns, runDir, labels, null);
  }

  /** {@link #build(Pipeline, List, Path, StorageLabels)}, reusing unchanged files' records from {@code previousCopies} (or none). */
  static void build(Pipeline pipeline, List<String> patterns, Path runDir, StorageLabels labels, String previousCopies) {
    PCollectionTuple matched = pipeline.apply("MatchMedia", MatchMedia.reusing(patterns, previousCopies));
    PCollectionTuple extracted = matched.get(MatchMedia.FILES).apply("ExtractMedia", ExtractMedia.fast());
    PCollection<MediaRecord> copies = PCollectionList.of(extracted.get(ExtractMediaFn.RECORDS))
        .and(matched.get(MatchMedia.REUSED))
        .apply("ReadAndReused", Flatten.pCollections())
        .setCoder(RecordCoders.mediaRecord());
    LabelStorage.apply(copies, labels)
        .apply("MergeByContentHash", MergeByContentHash.create())
        .apply("WriteAssets", WriteParquet.assets(runDir.resolve("assets").toString()));
    PCollectionList.of(matched.get(MatchMedia.UNREADABLE)).and(extracted.get(ExtractMediaFn.ERRORS))
        .apply("AllErrors", Flatten.pCollections())
        .setCoder(RecordCoders.fileError())
        .apply("WriteErrors", WriteParquet.errors(runDir.resolve("errors").toString()));
  }

  /** Runs the scan of {@code config} to its end and applies what it found to the cache. */
  public static ScanSummary run(ScanConfig config, PipelineOptions options, PrintStream progress) throws IOException {
    List<String> locations = config.locations();
    List<String> patterns = RootPatterns.of(locations);
    Instant started = Instant.now();
    String runId = RunFolders.runId(started);
    Path runDir = config.parquetDir().toAbsolutePath().normalize().resolve("scan").resolve("run-" + runId);
    StorageDefaults.forRoots(options, patterns);
    PreviousRun previous = config.full() ? PreviousRun.full("--full")
        : PreviousRun.prepare(config.cacheFile(), runDir.toString());
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, patterns, runDir, config.labels(), previous.copies());
    JobRun job = JobRun.complete("scan", pipeline, options, progress, patterns.size());
    RunFolders.removeBeamTemps(runDir);
    previous.remove(); // read by the pipeline, of no use after it
    RunInfo run = job.runInfo("scan-" + runId, started, locations, previous.kind());
    Path cache = config.cacheFile().toAbsolutePath().normalize();
    CacheScan.Changes changes = CacheScan.apply(cache, scannedRoots(locations),
        RunFolders.files(runDir.resolve("assets"), ".parquet"), RunFolders.files(runDir.resolve("errors"), ".parquet"),
        run);
    return new ScanSummary(changes, run.filesMatched(), run.errors(), JobRun.secondsSince(started), cache,
        PreviousRun.describe(run, previous.fullBecause()));
  }

  /** The roots under which a location not seen has vanished: a glob does not say what it should have matched. */
  static List<Root> scannedRoots(List<String> locations) {
    return locations.stream().map(Root::parse).filter(root -> !root.isGlob()).toList();
  }
}
