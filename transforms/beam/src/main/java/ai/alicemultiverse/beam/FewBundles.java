package ai.alicemultiverse.beam;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Gathers a collection into a few bundles on the DirectRunner ({@link DirectRunnerBuckets}); any other
 * runner gets the collection as it is. The DirectRunner runs the extraction one file per bundle, and
 * pays for every bundle of every step that follows (it re-translates the step and re-deserializes its
 * DoFn): the steps of a Parquet write after it, with their side input, cost far more per bundle than a
 * broken file costs to read. One grouping step in front of them makes an error row cost what a valid
 * file's record costs on its way to the merge.
 */
final class FewBundles<T> extends PTransform<PCollection<T>, PCollection<T>> {
  @Override
  public PCollection<T> expand(PCollection<T> input) {
    int buckets = DirectRunnerBuckets.of(input.getPipeline().getOptions());
    if (buckets == 0) {
      return input;
    }
    Coder<T> coder = input.getCoder();
    return input
        .apply("Bucket", WithKeys.of((T element) -> Math.floorMod(element.hashCode(), buckets))
            .withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), coder))
        .apply("Group", GroupByKey.create())
        .apply("Buckets", Values.create())
        .apply("Ungroup", Flatten.iterables())
        .setCoder(coder);
  }
}
