package ai.alicemultiverse.beam;

import org.apache.beam.sdk.options.PipelineOptions;

/**
 * How many keys a shuffle should use on the DirectRunner. The DirectRunner processes every key of
 * a shuffle as a bundle of its own and pays for every bundle of every following step (it
 * re-translates the step and re-deserializes its DoFn): with one key per file or per content hash
 * that cost is most of a rebuild's time. A few buckets per worker thread keep the threads busy and
 * the bundles large. Distributed runners shuffle per key cheaply and get 0: no bucketing.
 */
final class DirectRunnerBuckets {
  /** Buckets per DirectRunner thread: enough for the threads to even out uneven buckets. */
  static final int PER_THREAD = 4;

  private DirectRunnerBuckets() {}

  /** 0 for any runner but the DirectRunner (known by name: it is not on this module's class path). */
  static int of(PipelineOptions options) {
    if (!"DirectRunner".equals(options.getRunner().getSimpleName())) {
      return 0;
    }
    // the DirectRunner's default thread count, max(3, processors)
    return Math.max(3, Runtime.getRuntime().availableProcessors()) * PER_THREAD;
  }
}
