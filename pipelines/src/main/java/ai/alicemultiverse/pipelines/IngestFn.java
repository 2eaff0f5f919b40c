package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.beam.ExtractMediaFn;
import ai.alicemultiverse.beam.FileSignature;
import ai.alicemultiverse.beam.PipelineCounters;
import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.generators.GenerationMerge;
import ai.alicemultiverse.generators.GeneratorImport;
import ai.alicemultiverse.generators.GeneratorMetadata;
import ai.alicemultiverse.io.Reasons;
import ai.alicemultiverse.io.SafeFileWriter;
import ai.alicemultiverse.media.Inspection;
import ai.alicemultiverse.media.MediaInspector;
import ai.alicemultiverse.media.MetadataEmbedder;
import ai.alicemultiverse.model.FileError;
import ai.alicemultiverse.model.MediaRecord;
import ai.alicemultiverse.model.StorageType;
import ai.alicemultiverse.understanding.MediaItem;
import ai.alicemultiverse.understanding.Understanding;
import ai.alicemultiverse.understanding.UnderstandingProvider;
import ai.alicemultiverse.xmp.AliceMetadata;
import ai.alicemultiverse.xmp.ProviderOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Ingests one file: hashes its media (an embedded hash is reused only when it matches), imports what
 * its generator left behind into {@code alice:generation}, asks the understanding provider, and
 * embeds the result into the file (safe write). A file already ingested with this provider and
 * whose hash still matches is left alone unless {@code force}. A failed understanding call is an
 * error of that file, but the file is still embedded and indexed with everything else. A file reached through a
 * symbolic link is written only as {@link IngestLinks} allows. Before the first file of a folder, the temp files a
 * killed earlier write left there are removed (even when nothing in the folder needs writing this time).
 */
class IngestFn extends DoFn<FileIO.ReadableFile, MediaRecord> {
  // Named tags: a generated id would differ on a worker that loads this class again (see beam.ExtractMediaFn).
  static final TupleTag<MediaRecord> RECORDS = new TupleTag<>("IngestFn.RECORDS") {};
  static final TupleTag<FileError> ERRORS = new TupleTag<>("IngestFn.ERRORS") {};
  /** "written|unchanged|would write|link|warning" TAB path (and what to know), for the command's report. */
  static final TupleTag<String> ACTIONS = new TupleTag<>("IngestFn.ACTIONS") {};

  static final String WRITTEN = "files_written";
  static final String UNCHANGED = "files_unchanged";

  private final UnderstandingProvider provider;
  private final boolean dryRun;
  private final boolean force;
  private final IngestLinks links;
  private final SafeFileWriter.Mtime mtime;
  private final boolean followLinks;
  private final Counter indexed = Metrics.counter(PipelineCounters.NAMESPACE, PipelineCounters.INDEXED);
  private final Counter failed = Metrics.counter(PipelineCounters.NAMESPACE, PipelineCounters.ERRORS);
  private final Counter written = Metrics.counter(PipelineCounters.NAMESPACE, WRITTEN);
  private final Counter unchanged = Metrics.counter(PipelineCounters.NAMESPACE, UNCHANGED);

  IngestFn(UnderstandingProvider provider, boolean dryRun, boolean force, IngestLinks links,
      SafeFileWriter.Mtime mtime, boolean followLinks) {
    this.provider = provider;
    this.dryRun = dryRun;
    this.force = force;
    this.links = links;
    this.mtime = mtime;
    this.followLinks = followLinks;
  }

  @ProcessElement
  public void processElement(@Element FileIO.ReadableFile match, MultiOutputReceiver out) {
    String path = match.getMetadata().resourceId().toString();
    String now = Instant.now().toString();
    if (!"file".equals(match.getMetadata().resourceId().getScheme())) {
      error(out, path, "ingest", "ingest writes metadata into files, so it needs a local or mounted path", now);
      return;
    }
    try {
      ingest(Path.of(path), path, now, out);
    } catch (IOException | RuntimeException | Error e) { // an Error too: one file's parse never ends the job
      error(out, path, "ingest", reasonOf(e), now);
    }
  }

  private void ingest(Path file, String path, String now, MultiOutputReceiver out) throws IOException {
    IngestLinks.Verdict link = links.judge(file);
    if (link.kind() == IngestLinks.Kind.TO_INSIDE) {
      action(out, "link", path + " -> " + link.target() + ": not written through, the target is ingested itself");
      return;
    }
    boolean mayWrite = link.kind() == IngestLinks.Kind.PLAIN || followLinks;
    if (!dryRun && mayWrite && file.getParent() != null) {
      SafeFileWriter.cleanStaleTempsOnce(file.getParent()); // even when nothing here needs writing this time
    }
    Inspection seen;
    GeneratorImport imported = GeneratorImport.none();
    try (MediaSource source = ChannelMediaSource.open(file)) {
      seen = MediaInspector.inspect(source, true); // the embedded hash is reused only if it matches
      try {
        imported = GeneratorMetadata.read(source, seen.format(), seen.xmp());
      } catch (IOException | RuntimeException e) {
        error(out, path, "generator", "generator metadata not imported: " + reasonOf(e), now);
      }
    }
    AliceMetadata current = seen.metadata() != null ? seen.metadata() : AliceMetadata.builder().build();
    if (!seen.format().writable()) {
      emit(out, file, path, seen, current, now, "read-only", path + ": " + seen.format().readOnlyReason());
      unchanged.inc();
      return;
    }
    if (!mayWrite) {
      emit(out, file, path, seen, current, now, "link", path + " -> " + link.target()
          + ": outside the ingest roots, indexed as it is, not written (--follow-links writes through it)");
      unchanged.inc();
      return;
    }
    if (!force && alreadyIngested(seen, current)) {
      emit(out, file, path, seen, current, now, "unchanged");
      unchanged.inc();
      return;
    }
    Understanding understanding = null;
    if (provider != null) {
      try {
        understanding = provider.understand(new MediaItem(file, seen.format(), seen.sizeBytes()));
      } catch (IOException | RuntimeException e) {
        error(out, path, "understand", provider.name() + ": " + reasonOf(e), now);
      }
    }
    UnaryOperator<AliceMetadata> change = merge(imported, understanding);
    if (dryRun) {
      AliceMetadata would = change.apply(current).toBuilder().contentHash(seen.contentHash()).build();
      boolean changes = !would.equals(current);
      emit(out, file, path, seen, would, now, changes ? "would write" : "unchanged");
      (changes ? written : unchanged).inc();
      return;
    }
    MetadataEmbedder.Result result = MetadataEmbedder.embed(file, change, mtime);
    emit(out, file, path, seen, result.metadata(), now, result.changed() ? "written" : "unchanged");
    (result.changed() ? written : unchanged).inc();
    for (String warning : result.warnings()) {
      action(out, "warning", warning);
    }
  }

  /** Processed before, hash still true to the media, and this provider already had its say. */
  private boolean alreadyIngested(Inspection seen, AliceMetadata m) {
    if (seen.embeddedHash() == null || seen.hashMismatch() || m.processedAt() == null) {
      return false;
    }
    if (provider == null) {
      return true;
    }
    for (ProviderOutput p : m.providerOutputs()) {
      if (provider.name().equals(p.provider())) {
        return true;
      }
    }
    return false;
  }

  /** The file's own generation wins field by field over what is imported; understanding is added. */
  static UnaryOperator<AliceMetadata> merge(GeneratorImport imported, Understanding understanding) {
    return m -> {
      AliceMetadata withGeneration =
          m.toBuilder().generation(GenerationMerge.merge(m.generation(), imported.generation())).build();
      return understanding == null ? withGeneration : understanding.applyTo(withGeneration);
    };
  }

  private void emit(MultiOutputReceiver out, Path file, String path, Inspection seen, AliceMetadata metadata,
      String now, String action) throws IOException {
    emit(out, file, path, seen, metadata, now, action, path);
  }

  /** The file's cache record and the report line {@code action TAB what}. */
  private void emit(MultiOutputReceiver out, Path file, String path, Inspection seen, AliceMetadata metadata,
      String now, String action, String what) throws IOException {
    out.get(RECORDS).output(dryRun ? plan(file, path, seen, metadata, now) : record(file, path, now));
    action(out, action, what);
    indexed.inc();
  }

  /**
   * The file as a rebuild would record it now: read again after this run's write, by the rebuild's own
   * reading ({@link ExtractMediaFn#record}), so its hash source, standard values, size and time are the
   * ones a rebuild finds, not what was seen before the write; its change signature is the one a listing gives.
   */
  private static MediaRecord record(Path file, String path, String now) throws IOException {
    try (MediaSource source = ChannelMediaSource.open(file)) {
      Inspection written = MediaInspector.inspect(source, false);
      // the signature a listing gives the file now, so the next incremental run reuses this row
      return ExtractMediaFn.record(source, written, path, Files.size(file), Files.getLastModifiedTime(file).toMillis(),
          now, FileSignature.local(file));
    }
  }

  /** A dry run's record: the metadata the file would get (nothing is written, nothing reaches the cache). */
  private static MediaRecord plan(Path file, String path, Inspection seen, AliceMetadata metadata, String now)
      throws IOException {
    return new MediaRecord(
        seen.contentHash(),
        path,
        StorageType.of(path),
        seen.format().name().toLowerCase(Locale.ROOT),
        seen.format().mediaType(),
        seen.mime(),
        Files.size(file),
        Files.getLastModifiedTime(file).toMillis(),
        seen.hashSource().name().toLowerCase(Locale.ROOT), // computed, or whole_file for a read-only format
        metadata.toJson(),
        metadata.metadataVersion(),
        metadata.processedAt(),
        now);
  }

  private static void action(MultiOutputReceiver out, String action, String what) {
    out.get(ACTIONS).output(action + "\t" + what);
  }

  private void error(MultiOutputReceiver out, String path, String stage, String reason, String now) {
    out.get(ERRORS).output(new FileError(path, stage, reason, now));
    failed.inc();
  }

  static String reasonOf(Throwable e) {
    return Reasons.of(e, "vanished during the ingest");
  }
}
