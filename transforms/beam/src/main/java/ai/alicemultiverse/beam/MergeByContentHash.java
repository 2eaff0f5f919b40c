package ai.alicemultiverse.beam;

import ai.alicemultiverse.model.AssetMerge;
import ai.alicemultiverse.model.AssetRecord;
import ai.alicemultiverse.model.MediaRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Groups every sighting of the same media into one asset with all its locations. */
public class MergeByContentHash extends PTransform<PCollection<MediaRecord>, PCollection<AssetRecord>> {

  /** Whether the DirectRunner gets buckets of hashes ({@link DirectRunnerBuckets}); off only in tests. */
  private final boolean bucketsOnDirectRunner;

  private MergeByContentHash(boolean bucketsOnDirectRunner) {
    this.bucketsOnDirectRunner = bucketsOnDirectRunner;
  }

  public static MergeByContentHash create() {
    return new MergeByContentHash(true);
  }

  /** The distributed runners' shape, one key per hash, on any runner: lets a test run both shapes. */
  static MergeByContentHash perHashKeys() {
    return new MergeByContentHash(false);
  }

  @Override
  public PCollection<AssetRecord> expand(PCollection<MediaRecord> records) {
    int buckets = bucketsOnDirectRunner ? DirectRunnerBuckets.of(records.getPipeline().getOptions()) : 0;
    if (buckets > 0) {
      // The same merge, one bundle per bucket of hashes instead of one per hash. Records cross the
      // shuffle packed (PackedRecords) beside their hash: the DirectRunner copies a key's whole
      // grouped state through its coder every time another bundle adds to it (with whole records
      // that copying was a third of a rebuild), and it holds the shuffle in memory. A bucket is
      // grouped by hash while still packed, and one hash's records are unpacked at a time.
      return records
          .apply("PackByHashBucket", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.integers(),
                  TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(byte[].class))))
              .via((MediaRecord r) -> KV.of(Math.floorMod(r.contentHash().hashCode(), buckets),
                  KV.of(r.contentHash(), PackedRecords.pack(r)))))
          .setCoder(KvCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of())))
          .apply("GroupByHashBucket", GroupByKey.create())
          .apply("MergeLocations", ParDo.of(new MergeBucketFn()))
          .setCoder(RecordCoders.assetRecord());
    }
    return records
        .apply("KeyByHash", WithKeys.of(MediaRecord::contentHash).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), RecordCoders.mediaRecord()))
        .apply("GroupByHash", GroupByKey.create())
        .apply("MergeLocations", ParDo.of(new MergeFn()))
        .setCoder(RecordCoders.assetRecord());
  }

  static class MergeFn extends DoFn<KV<String, Iterable<MediaRecord>>, AssetRecord> {
    private final Counter unique = Metrics.counter(PipelineCounters.NAMESPACE, PipelineCounters.UNIQUE);

    @ProcessElement
    public void processElement(@Element KV<String, Iterable<MediaRecord>> group, OutputReceiver<AssetRecord> out) {
      out.output(merge(group.getKey(), group.getValue()));
      unique.inc();
    }
  }

  /** Groups one bucket's packed sightings by content hash, then merges each hash as {@link MergeFn}. */
  static class MergeBucketFn extends DoFn<KV<Integer, Iterable<KV<String, byte[]>>>, AssetRecord> {
    private final Counter unique = Metrics.counter(PipelineCounters.NAMESPACE, PipelineCounters.UNIQUE);

    @ProcessElement
    public void processElement(@Element KV<Integer, Iterable<KV<String, byte[]>>> bucket,
        OutputReceiver<AssetRecord> out) {
      Map<String, List<byte[]>> byHash = new HashMap<>();
      for (KV<String, byte[]> sighting : bucket.getValue()) {
        byHash.computeIfAbsent(sighting.getKey(), h -> new ArrayList<>(1)).add(sighting.getValue());
      }
      for (Map.Entry<String, List<byte[]>> group : byHash.entrySet()) {
        out.output(merge(group.getKey(), group.getValue().stream().map(PackedRecords::unpack).toList()));
        unique.inc();
      }
    }
  }

  /** The rebuild's merge: every sighting at once, by the one rule ({@link AssetMerge}). */
  static AssetRecord merge(String contentHash, Iterable<MediaRecord> sightings) {
    return AssetMerge.merge(contentHash, sightings);
  }
}
