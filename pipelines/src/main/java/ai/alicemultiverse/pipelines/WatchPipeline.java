package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.beam.ExtractMedia;
import ai.alicemultiverse.beam.ExtractMediaFn;
import ai.alicemultiverse.beam.FileSignature;
import ai.alicemultiverse.beam.LabelStorage;
import ai.alicemultiverse.beam.ReadSigned;
import ai.alicemultiverse.beam.SignedMetadataCoder;
import ai.alicemultiverse.beam.LocalListing;
import ai.alicemultiverse.beam.RecordCoders;
import ai.alicemultiverse.beam.RootPatterns;
import ai.alicemultiverse.cache.WatchUpsert;
import ai.alicemultiverse.io.Reasons;
import ai.alicemultiverse.media.MetadataEmbedder;
import ai.alicemultiverse.model.FileError;
import ai.alicemultiverse.model.MediaFiles;
import ai.alicemultiverse.model.MediaRecord;
import ai.alicemultiverse.model.StorageLabels;
import ai.alicemultiverse.storage.StorageDefaults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Requirements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.Watch;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;

/**
 * A streaming job that keeps the cache up to date while files arrive:
 *
 * <pre>
 *   roots → MatchContinuously (every interval, new and changed files) → KeepMedia → ReadMatches
 *         → ExtractMedia ─ records → [Ingest: embed the hash] → UpsertRecords ┐→ cache (one writer)
 *                        └ errors ─────────────────────────────→ UpsertErrors ┘
 * </pre>
 *
 * <p>No windowing is needed: nothing is aggregated across files (copies of the same media are
 * merged by the upsert against the cache), so each bundle is committed as one transaction as soon
 * as it is extracted. The writer lives in this process ({@link WatchUpsert}, one JDBC connection per
 * batch behind a lock), so a watch runs on the DirectRunner. Each batch updates the search tables'
 * rows of the assets it touched in the same transaction, so a search sees a file once its batch is in.
 *
 * <p>Beam's Watch keeps the id (path and change signature) of every file it has emitted so it
 * emits each version once; that set only grows while the watch runs and is not saved, so a
 * restarted watch reads every file under its roots once more (cheap: the fast path reads metadata
 * regions only) and the upsert makes that harmless.
 */
public final class WatchPipeline {
  /** Writers by watch id: DoFns are serialized, the writer they share is looked up in-process. */
  private static final Map<String, WatchUpsert> WRITERS = new ConcurrentHashMap<>();
  /** Where each watch prints its line per committed batch, by watch id (absent: no lines). */
  private static final Map<String, PrintStream> BATCH_LINES = new ConcurrentHashMap<>();

  private WatchPipeline() {}

  /** A running watch. */
  public static final class Running {
    private final PipelineResult result;
    private final WatchUpsert writer;
    private final String id;

    Running(PipelineResult result, WatchUpsert writer, String id) {
      this.result = result;
      this.writer = writer;
      this.id = id;
    }

    /**
     * Stops cleanly: the batch being written is committed (with its search rows), later ones are
     * refused (a restart re-scans them), then the pipeline is cancelled and awaited.
     */
    public void stop(java.time.Duration wait) throws IOException {
      try {
        writer.stop();
      } finally {
        cancel(wait);
      }
    }

    private void cancel(java.time.Duration wait) throws IOException {
      try {
        if (!result.getState().isTerminal()) {
          result.cancel();
        }
        result.waitUntilFinish(Duration.millis(wait.toMillis()));
      } finally {
        WRITERS.remove(id);
        BATCH_LINES.remove(id);
      }
    }

    /** Blocks until the pipeline ends (it ends only when stopped or failed). */
    public PipelineResult.State awaitTermination() {
      return result.waitUntilFinish();
    }

    /** RUNNING while it watches; FAILED (see {@link #awaitTermination}) when a step failed. */
    public PipelineResult.State state() {
      return result.getState();
    }

    /** Files and errors committed to the cache so far. */
    public long committed() {
      return writer.committed();
    }
  }

  public static Running start(WatchConfig config, PipelineOptions options) throws IOException {
    return start(config, options, null);
  }

  /**
   * Starts a watch that prints one line per committed batch on {@code batchLines} (null: none), e.g.
   * {@code 21:30:05 batch: 2 files into the cache: /in/a.png, /in/b.jpg}; a line never says a file is in the
   * cache before its transaction committed.
   */
  public static Running start(WatchConfig config, PipelineOptions options, PrintStream batchLines)
      throws IOException {
    List<String> patterns = RootPatterns.of(config.roots());
    WatchUpsert writer = new WatchUpsert(config.cacheFile());
    writer.ensureCache(config.roots());
    String id = UUID.randomUUID().toString();
    WRITERS.put(id, writer);
    if (batchLines != null) {
      BATCH_LINES.put(id, batchLines);
    }
    // The DirectRunner would otherwise block in run() until the (endless) pipeline ends.
    options.as(DirectOptions.class).setBlockOnRun(false);
    StorageDefaults.forRoots(options, patterns);
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, patterns, Duration.millis(config.interval().toMillis()), config.ingest(), config.labels(), id);
    try {
      return new Running(pipeline.run(), writer, id);
    } catch (RuntimeException e) {
      WRITERS.remove(id);
      BATCH_LINES.remove(id);
      throw e;
    }
  }

  static void build(Pipeline pipeline, List<String> patterns, Duration interval, boolean ingest, StorageLabels labels,
      String writerId) {
    PCollectionTuple extracted = pipeline
        .apply("Roots", Create.of(patterns))
        // Keyed by path and change signature: a file that changes (rewritten, still being copied at the last
        // poll, or replaced by a temporary copy renamed over it with its modification time kept, as `alice tag`
        // and ExifTool -P write) is emitted again with its new signature, so the cache heals itself.
        .apply("MatchContinuously", Watch.growthOf(Contextful.of(new ListRootFn(), Requirements.empty()),
                new PathAndSignature())
            .withPollInterval(interval)
            .withTerminationPerInput(Watch.Growth.never())
            .withOutputCoder(SignedMetadataCoder.of())
            .withOutputKeyCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
        .apply("Files", Values.create())
        .setCoder(SignedMetadataCoder.of())
        .apply("KeepMedia", Filter.by((MatchResult.Metadata f) -> MediaFiles.looksLikeMedia(f.resourceId().toString())))
        .apply("ReadMatches", ReadSigned.matches()) // keeps each file's mtime and signature
        .apply("ExtractMedia", ExtractMedia.fast());
    PCollection<MediaRecord> records = extracted.get(ExtractMediaFn.RECORDS);
    PCollection<FileError> errors = extracted.get(ExtractMediaFn.ERRORS);
    if (ingest) {
      PCollectionTuple ingested = records.apply("Ingest",
          ParDo.of(new IngestFn()).withOutputTags(ExtractMediaFn.RECORDS, TupleTagList.of(ExtractMediaFn.ERRORS)));
      records = ingested.get(ExtractMediaFn.RECORDS).setCoder(RecordCoders.mediaRecord());
      ingested.get(ExtractMediaFn.ERRORS).setCoder(RecordCoders.fileError())
          .apply("UpsertIngestErrors", ParDo.of(new UpsertErrorsFn(writerId)));
    }
    LabelStorage.apply(records, labels).apply("UpsertRecords", ParDo.of(new UpsertRecordsFn(writerId)));
    errors.apply("UpsertErrors", ParDo.of(new UpsertErrorsFn(writerId)));
  }

  /**
   * One poll of a root, listed as the rebuild lists it ({@link LocalListing}): a link back to a folder
   * above is a loop, walked once, not a new path per trip around it (Beam's matcher follows it forever).
   */
  static class ListRootFn extends Watch.Growth.PollFn<String, MatchResult.Metadata> {
    @Override
    public Watch.Growth.PollResult<MatchResult.Metadata> apply(String pattern, Context c) throws Exception {
      org.joda.time.Instant now = org.joda.time.Instant.now();
      List<MatchResult.Metadata> files = new ArrayList<>();
      // a watch only adds what it finds (it never judges a file gone): a folder it cannot read is skipped
      LocalListing.list(pattern, files::add, () -> { }, (folder, e) -> { });
      return Watch.Growth.PollResult.incomplete(now, files).withWatermark(now);
    }
  }

  /**
   * A file version's identity for the watch: its path and change signature ({@link FileSignature}: size,
   * modification time, ctime, inode), or its size and modification time where the listing gave none.
   */
  static class PathAndSignature implements SerializableFunction<MatchResult.Metadata, KV<String, String>> {
    @Override
    public KV<String, String> apply(MatchResult.Metadata file) {
      String signature = FileSignature.of(file);
      return KV.of(file.resourceId().toString(),
          signature != null ? signature : file.sizeBytes() + ":" + file.lastModifiedMillis());
    }
  }

  /** Writes the content hash into local files that do not carry it, so they keep their identity. */
  static class IngestFn extends DoFn<MediaRecord, MediaRecord> {
    private final Counter embedded = Metrics.counter("alice", "files_embedded");

    @ProcessElement
    public void processElement(@Element MediaRecord r, MultiOutputReceiver out) {
      if ("embedded".equals(r.hashSource()) || !"local".equals(r.storageType())) {
        out.get(ExtractMediaFn.RECORDS).output(r);
        return;
      }
      try {
        Path file = Path.of(r.path());
        MetadataEmbedder.Result result = MetadataEmbedder.embed(file, m -> m);
        embedded.inc();
        out.get(ExtractMediaFn.RECORDS).output(new MediaRecord(result.contentHash(), r.path(), r.storageType(),
            r.format(), r.mediaType(), r.mime(), Files.size(file), Files.getLastModifiedTime(file).toMillis(),
            "embedded", result.metadata().toJson(), result.metadata().metadataVersion(),
            result.metadata().processedAt(), r.lastVerified(), r.standard()));
      } catch (IOException | RuntimeException | Error e) { // an Error too: one file never stops the watch
        // Not embedded, but still a readable asset: the cache gets it as read.
        out.get(ExtractMediaFn.RECORDS).output(r);
        out.get(ExtractMediaFn.ERRORS).output(new FileError(r.path(), "ingest", Reasons.of(e),
            Instant.now().toString()));
      }
    }
  }

  /** Collects a bundle and commits it in one transaction when the bundle finishes. */
  abstract static class BatchingUpsertFn<T> extends DoFn<T, Void> {
    private final String writerId;
    private transient List<T> batch;
    private final Counter committed = Metrics.counter("alice", "watch_committed");
    private final Counter dropped = Metrics.counter("alice", "watch_dropped_on_stop");

    BatchingUpsertFn(String writerId) {
      this.writerId = writerId;
    }

    @StartBundle
    public void startBundle() {
      batch = new ArrayList<>();
    }

    @ProcessElement
    public void processElement(@Element T element) {
      batch.add(element);
    }

    @FinishBundle
    public void finishBundle() throws IOException {
      WatchUpsert writer = WRITERS.get(writerId);
      if (writer == null || !write(writer, batch)) {
        dropped.inc(batch.size()); // stopping: a restarted watch finds these again
      } else {
        committed.inc(batch.size());
        PrintStream lines = BATCH_LINES.get(writerId);
        if (lines != null && !batch.isEmpty()) {
          lines.println(BatchLine.of(LocalTime.now(), noun(), batch.stream().map(this::path).toList()));
          lines.flush();
        }
      }
      batch = null;
    }

    abstract boolean write(WatchUpsert writer, List<T> batch) throws IOException;

    /** What a batch holds: "file" or "error". */
    abstract String noun();

    abstract String path(T element);
  }

  static class UpsertRecordsFn extends BatchingUpsertFn<MediaRecord> {
    UpsertRecordsFn(String writerId) {
      super(writerId);
    }

    @Override
    boolean write(WatchUpsert writer, List<MediaRecord> batch) throws IOException {
      return writer.write(batch, List.of());
    }

    @Override
    String noun() {
      return "file";
    }

    @Override
    String path(MediaRecord record) {
      return record.path();
    }
  }

  static class UpsertErrorsFn extends BatchingUpsertFn<FileError> {
    UpsertErrorsFn(String writerId) {
      super(writerId);
    }

    @Override
    boolean write(WatchUpsert writer, List<FileError> batch) throws IOException {
      return writer.write(List.of(), batch);
    }

    @Override
    String noun() {
      return "error";
    }

    @Override
    String path(FileError error) {
      return error.path();
    }
  }
}
