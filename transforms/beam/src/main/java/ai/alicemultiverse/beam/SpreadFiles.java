package ai.alicemultiverse.beam;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Spreads matched files over the workers. A distributed runner gets Beam's random-key reshuffle.
 * The DirectRunner processes every key of a shuffle as a bundle of its own, and each bundle costs
 * it far more than reading one file's metadata (it re-translates and re-deserializes every step
 * per bundle): there the files go to a few buckets per worker thread, by path, so each bundle
 * holds many files and all threads stay busy.
 */
final class SpreadFiles extends PTransform<PCollection<MatchResult.Metadata>, PCollection<MatchResult.Metadata>> {
  @Override
  public PCollection<MatchResult.Metadata> expand(PCollection<MatchResult.Metadata> files) {
    int buckets = DirectRunnerBuckets.of(files.getPipeline().getOptions());
    if (buckets == 0) {
      return files.apply("RandomKeys", Reshuffle.viaRandomKey());
    }
    return files
        .apply("BucketByPath", WithKeys.of((MatchResult.Metadata m) ->
                Math.floorMod(m.resourceId().toString().hashCode(), buckets))
            .withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), SignedMetadataCoder.of()))
        .apply("Buckets", Reshuffle.of())
        .apply("Files", Values.create());
  }
}
