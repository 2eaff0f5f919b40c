package ai.alicemultiverse.beam;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.extract.TikaExtractor;
import ai.alicemultiverse.io.Reasons;
import ai.alicemultiverse.io.RegularFiles;
import ai.alicemultiverse.media.Inspection;
import ai.alicemultiverse.media.MediaInspector;
import ai.alicemultiverse.model.FileError;
import ai.alicemultiverse.model.MediaRecord;
import ai.alicemultiverse.model.StorageType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Reads one matched file's embedded metadata, content hash and standard metadata (Tika). Files that
 * cannot be read go to {@link #ERRORS} with the reason; they never fail the job. An object store that does
 * not answer does ({@link StorageUnavailableException}): that is no fact about the file. Standard metadata
 * that cannot be read is a note on the record, not an error: the file is indexed all the same.
 */
public class ExtractMediaFn extends DoFn<FileIO.ReadableFile, MediaRecord> {
  // Tags are named: Beam's generated id for a tag made in a static initializer counts the tag's class
  // initializations JVM-wide, so a Flink TaskManager that loads alice again for its next job (a new
  // class loader, Beam on the cluster's class path) would name it differently from the job's graph and
  // fail with "Unknown output tag".
  public static final TupleTag<MediaRecord> RECORDS = new TupleTag<>("ExtractMediaFn.RECORDS") {};
  public static final TupleTag<FileError> ERRORS = new TupleTag<>("ExtractMediaFn.ERRORS") {};

  private final boolean verify;
  private final Counter indexed = Metrics.counter(PipelineCounters.NAMESPACE, PipelineCounters.INDEXED);
  private final Counter failed = Metrics.counter(PipelineCounters.NAMESPACE, PipelineCounters.ERRORS);
  private final Counter bytes = Metrics.counter(PipelineCounters.NAMESPACE, PipelineCounters.BYTES);

  public ExtractMediaFn(boolean verify) {
    this.verify = verify;
  }

  @ProcessElement
  public void processElement(@Element FileIO.ReadableFile file, MultiOutputReceiver out) {
    MatchResult.Metadata meta = file.getMetadata();
    String path = meta.resourceId().toString();
    String now = Instant.now().toString();
    try (MediaSource source = open(file)) {
      Inspection seen = MediaInspector.inspect(source, verify);
      if (seen.hashMismatch()) {
        out.get(ERRORS).output(new FileError(path, "verify",
            "embedded content hash " + seen.embeddedHash() + " does not match the media ("
                + seen.contentHash() + ")", now));
        failed.inc();
      }
      out.get(RECORDS).output(
          record(source, seen, path, meta.sizeBytes(), meta.lastModifiedMillis(), now, FileSignature.of(meta)));
      indexed.inc();
      bytes.inc(meta.sizeBytes());
    } catch (IOException | RuntimeException | Error e) {
      // an Error too (a parser's stack overflow on deep nesting, an allocation one file asked for):
      // it is that file's error row, never the end of the job
      String outage = StorageUnavailableException.outageReason(path, e);
      if (outage != null) {
        throw new StorageUnavailableException(path, outage, e);
      }
      out.get(ERRORS).output(new FileError(path, "extract", reasonOf(e), now));
      failed.inc();
    }
  }

  /**
   * The cache record of a file as a rebuild makes it: its inspection, its standard metadata (Tika) and
   * the size and modification time its listing gives. Ingest records a file it has just written this way
   * too, so that its row is the one a rebuild reading the file would make.
   */
  public static MediaRecord record(MediaSource source, Inspection seen, String path, long sizeBytes,
      long lastModifiedMillis, String now) {
    return record(source, seen, path, sizeBytes, lastModifiedMillis, now, null);
  }

  /** As {@link #record(MediaSource, Inspection, String, long, long, String)}, with the listing's change signature. */
  public static MediaRecord record(MediaSource source, Inspection seen, String path, long sizeBytes,
      long lastModifiedMillis, String now, String signature) {
    return new MediaRecord(
        seen.contentHash(),
        path,
        StorageType.of(path),
        seen.format().name().toLowerCase(java.util.Locale.ROOT),
        seen.format().mediaType(),
        seen.mime(),
        sizeBytes,
        lastModifiedMillis,
        seen.hashSource().name().toLowerCase(java.util.Locale.ROOT),
        seen.metadata() == null ? null : seen.metadata().toJson(),
        seen.metadata() == null ? null : seen.metadata().metadataVersion(),
        seen.metadata() == null ? null : seen.metadata().processedAt(),
        now,
        TikaExtractor.extract(source, seen.format(), seen.standardXmp()).metadata(),
        signature);
  }

  /** A local FIFO, device or socket is refused before it is opened: opening a FIFO blocks forever. */
  private static MediaSource open(FileIO.ReadableFile file) throws IOException {
    ResourceId id = file.getMetadata().resourceId();
    if ("file".equals(id.getScheme())) {
      RegularFiles.require(Path.of(id.toString()));
    }
    return new ChannelMediaSource(file.openSeekable());
  }

  static String reasonOf(Throwable e) {
    return Reasons.isMissing(e) ? "vanished during the scan" : Reasons.of(e);
  }


}
