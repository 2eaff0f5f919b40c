package ai.alicemultiverse.beam;

import ai.alicemultiverse.model.StorageLabels;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
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
 * An incremental rebuild's join of the listing with the cache's locations, inside the pipeline (so it works
 * where the workers share no memory with the process that started them), which passes on only what changed:
 * a listed file whose path, change signature ({@link FileSignature}) and storage type (the library file's
 * label) are a present location's is counted as reused and goes no further; every other listed file is read,
 * {@link #TO_READ}. A known location whose row cannot stay as it is, {@link #STALE}: no file was listed at it,
 * or its file is read again (and may be an error now). The cache judges by the roots and the unreadable
 * folders which stale rows a rebuild drops. Unlike {@link ReuseUnchanged} the previous records never enter
 * the pipeline: the cache keeps the rows of unchanged files where they are, so the join reads only three
 * columns of the cache's locations and the job's output is as large as the change.
 *
 * <p>The locations are one Parquet file of {@code path}, {@code signature} (null when the location is not
 * present) and {@code storage_type}, as {@code PreviousCopies} (in the cache module) exports them. Both sides
 * are keyed by a bucket of the path, as in {@link ReuseUnchanged}.
 */
public final class ListChanges extends PTransform<PCollection<MatchResult.Metadata>, PCollectionTuple> {
  // Named tags: a generated id would differ on a worker that loads this class again (see ExtractMediaFn).
  public static final TupleTag<MatchResult.Metadata> TO_READ = new TupleTag<>("ListChanges.TO_READ") {};
  public static final TupleTag<String> STALE = new TupleTag<>("ListChanges.STALE") {};

  private static final int DISTRIBUTED_BUCKETS = 4096;

  private static final TupleTag<MatchResult.Metadata> LISTED = new TupleTag<>("ListChanges.LISTED") {};
  private static final TupleTag<KV<String, KV<String, String>>> KNOWN = new TupleTag<>("ListChanges.KNOWN") {};

  private final String locations;
  private final StorageLabels labels;

  private ListChanges(String locations, StorageLabels labels) {
    this.locations = locations;
    this.labels = labels;
  }

  /** {@code locations}: the Parquet file of the cache's locations; {@code labels}: the storage types the job gives. */
  public static ListChanges against(String locations, StorageLabels labels) {
    return new ListChanges(locations, labels);
  }

  @Override
  public PCollectionTuple expand(PCollection<MatchResult.Metadata> listed) {
    int direct = DirectRunnerBuckets.of(listed.getPipeline().getOptions());
    int buckets = direct > 0 ? direct : DISTRIBUTED_BUCKETS;
    KvCoder<String, KV<String, String>> locationCoder = KvCoder.of(StringUtf8Coder.of(),
        KvCoder.of(NullableCoder.of(StringUtf8Coder.of()), NullableCoder.of(StringUtf8Coder.of())));
    PCollection<KV<Integer, KV<String, KV<String, String>>>> known = listed.getPipeline()
        .apply("ReadLocations", ParquetIO.parseGenericRecords(new ToLocation()).withCoder(locationCoder)
            .from(locations))
        .apply("BucketLocations", WithKeys.of((KV<String, KV<String, String>> l) -> bucket(l.getKey(), buckets))
            .withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), locationCoder));
    PCollection<KV<Integer, MatchResult.Metadata>> files = listed
        .apply("BucketListed", WithKeys.of((MatchResult.Metadata file) -> bucket(file.resourceId().toString(), buckets))
            .withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), SignedMetadataCoder.of()));
    PCollectionTuple out = KeyedPCollectionTuple.of(LISTED, files).and(KNOWN, known)
        .apply("JoinByPath", CoGroupByKey.create())
        .apply("Decide", ParDo.of(new DecideFn(labels)).withOutputTags(TO_READ, TupleTagList.of(STALE)));
    out.get(TO_READ).setCoder(SignedMetadataCoder.of());
    out.get(STALE).setCoder(StringUtf8Coder.of());
    return out;
  }

  private static int bucket(String path, int buckets) {
    return Math.floorMod(path.hashCode(), buckets);
  }

  /** Within one bucket: which listed files to read, and which known locations are stale. */
  static class DecideFn extends DoFn<KV<Integer, CoGbkResult>, MatchResult.Metadata> {
    private final Counter reused = Metrics.counter(PipelineCounters.NAMESPACE, PipelineCounters.REUSED);
    private final StorageLabels labels;

    DecideFn(StorageLabels labels) {
      this.labels = labels;
    }

    @ProcessElement
    public void processElement(@Element KV<Integer, CoGbkResult> bucket, MultiOutputReceiver out) {
      Map<String, KV<String, String>> known = new HashMap<>();
      for (KV<String, KV<String, String>> location : bucket.getValue().getAll(KNOWN)) {
        known.put(location.getKey(), location.getValue());
      }
      Set<String> listed = new HashSet<>();
      for (MatchResult.Metadata file : bucket.getValue().getAll(LISTED)) {
        String path = file.resourceId().toString();
        KV<String, String> location = known.get(path);
        String signature = FileSignature.of(file);
        // a second listing of one path (overlapping roots) is read: the first decided for the path
        if (listed.add(path) && location != null && signature != null && signature.equals(location.getKey())
            && labels.of(path).equals(location.getValue())) {
          reused.inc();
        } else {
          out.get(TO_READ).output(file);
          if (location != null) {
            out.get(STALE).output(path);
          }
        }
      }
      for (String path : known.keySet()) {
        if (!listed.contains(path)) {
          out.get(STALE).output(path);
        }
      }
    }
  }

  /** One exported row: path → (signature, storage type). */
  static class ToLocation implements SerializableFunction<GenericRecord, KV<String, KV<String, String>>> {
    @Override
    public KV<String, KV<String, String>> apply(GenericRecord row) {
      return KV.of(string(row, "path"), KV.of(string(row, "signature"), string(row, "storage_type")));
    }

    private static String string(GenericRecord row, String field) {
      return Objects.toString(row.get(field), null);
    }
  }
}
