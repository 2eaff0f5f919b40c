package ai.alicemultiverse.beam;

import ai.alicemultiverse.extract.StandardMetadata;
import ai.alicemultiverse.model.MediaRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * An incremental run's join of the listing with the previous cache's copies, inside the pipeline (so it
 * works where the workers share no memory with the process that started them): a listed file whose path
 * and change signature ({@link FileSignature}) equal a previous copy's gets that copy's record back,
 * {@link #REUSED}, without being opened; every other file goes on to be read, {@link #TO_READ}.
 *
 * <p>The previous copies are one Parquet file of the columns {@code PreviousCopies} (in the cache
 * module) exports: a local path, or an object in the job's hand-off prefix. Both sides are keyed by a
 * bucket of the path rather than the path itself: a few large groups instead of one per file (the
 * DirectRunner pays per group), each joined by path in memory.
 */
public final class ReuseUnchanged
    extends PTransform<PCollection<MatchResult.Metadata>, PCollectionTuple> {
  // Named tags: a generated id would differ on a worker that loads this class again (see ExtractMediaFn).
  public static final TupleTag<MatchResult.Metadata> TO_READ = new TupleTag<>("ReuseUnchanged.TO_READ") {};
  public static final TupleTag<MediaRecord> REUSED = new TupleTag<>("ReuseUnchanged.REUSED") {};

  /** Buckets on the distributed runners: groups of a few hundred paths for a million files. */
  private static final int DISTRIBUTED_BUCKETS = 4096;

  private static final TupleTag<MatchResult.Metadata> LISTED = new TupleTag<>("ReuseUnchanged.LISTED") {};
  private static final TupleTag<KV<String, MediaRecord>> PREVIOUS = new TupleTag<>("ReuseUnchanged.PREVIOUS") {};

  private final String previousCopies;

  private ReuseUnchanged(String previousCopies) {
    this.previousCopies = previousCopies;
  }

  /** {@code previousCopies}: the Parquet file of the previous cache's copies. */
  public static ReuseUnchanged from(String previousCopies) {
    return new ReuseUnchanged(previousCopies);
  }

  @Override
  public PCollectionTuple expand(PCollection<MatchResult.Metadata> listed) {
    int direct = DirectRunnerBuckets.of(listed.getPipeline().getOptions());
    int buckets = direct > 0 ? direct : DISTRIBUTED_BUCKETS;
    PCollection<KV<Integer, KV<String, MediaRecord>>> previous = listed.getPipeline()
        .apply("ReadPreviousCopies", ParquetIO.parseGenericRecords(new ToCopy())
            .withCoder(KvCoder.of(StringUtf8Coder.of(), RecordCoders.mediaRecord()))
            .from(previousCopies))
        .apply("BucketPrevious", WithKeys.of((KV<String, MediaRecord> copy) -> bucket(copy.getKey(), buckets))
            .withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(), RecordCoders.mediaRecord())));
    PCollection<KV<Integer, MatchResult.Metadata>> files = listed
        .apply("BucketListed", WithKeys.of((MatchResult.Metadata file) -> bucket(file.resourceId().toString(), buckets))
            .withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), SignedMetadataCoder.of()));
    PCollectionTuple out = KeyedPCollectionTuple.of(LISTED, files).and(PREVIOUS, previous)
        .apply("JoinByPath", CoGroupByKey.create())
        .apply("Decide", ParDo.of(new DecideFn()).withOutputTags(TO_READ, TupleTagList.of(REUSED)));
    out.get(TO_READ).setCoder(SignedMetadataCoder.of());
    out.get(REUSED).setCoder(RecordCoders.mediaRecord());
    return out;
  }

  private static int bucket(String path, int buckets) {
    return Math.floorMod(path.hashCode(), buckets);
  }

  /** Within one bucket: a file whose signature equals its path's previous copy's is that copy again. */
  static class DecideFn extends DoFn<KV<Integer, CoGbkResult>, MatchResult.Metadata> {
    private final Counter reused = Metrics.counter(PipelineCounters.NAMESPACE, PipelineCounters.REUSED);

    @ProcessElement
    public void processElement(@Element KV<Integer, CoGbkResult> bucket, MultiOutputReceiver out) {
      Map<String, MediaRecord> previous = new HashMap<>();
      for (KV<String, MediaRecord> copy : bucket.getValue().getAll(PREVIOUS)) {
        previous.put(copy.getKey(), copy.getValue());
      }
      for (MatchResult.Metadata file : bucket.getValue().getAll(LISTED)) {
        MediaRecord copy = previous.get(file.resourceId().toString());
        String signature = FileSignature.of(file);
        if (copy != null && signature != null && signature.equals(copy.signature())) {
          out.get(REUSED).output(copy);
          reused.inc();
        } else {
          out.get(TO_READ).output(file);
        }
      }
    }
  }

  /** One exported row as the copy's record, keyed by its path. */
  static class ToCopy implements SerializableFunction<GenericRecord, KV<String, MediaRecord>> {
    @Override
    public KV<String, MediaRecord> apply(GenericRecord row) {
      StandardMetadata standard = Boolean.TRUE.equals(row.get("has_standard"))
          ? new StandardMetadata(null, (Integer) row.get("width"), (Integer) row.get("height"),
              (Double) row.get("duration_seconds"), string(row, "video_codec"), string(row, "audio_codec"),
              (Integer) row.get("sample_rate"), (Integer) row.get("channels"), string(row, "camera"),
              string(row, "software"), string(row, "created_at"), string(row, "standard_json"), null)
          : null;
      String path = string(row, "path");
      return KV.of(path, new MediaRecord(string(row, "content_hash"), path, string(row, "storage_type"),
          string(row, "format"), string(row, "media_type"), string(row, "mime"), (Long) row.get("size_bytes"),
          (Long) row.get("last_modified_ms"), string(row, "hash_source"), string(row, "metadata_json"),
          (Integer) row.get("metadata_version"), string(row, "processed_at"), string(row, "last_verified"), standard,
          string(row, "signature")));
    }

    private static String string(GenericRecord row, String field) {
      return Objects.toString(row.get(field), null);
    }
  }
}
