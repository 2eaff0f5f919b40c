package ai.alicemultiverse.beam;

import java.io.IOException;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Lists the files of one pattern ({@link LocalListing#list}: a local folder walked with loop detection,
 * anything else through Beam's {@link org.apache.beam.sdk.io.FileSystems#match}). Used instead of {@code
 * FileIO.matchAll}, whose internal shuffle uses the first Metadata coder and so loses every file's
 * modification time.
 */
class ListPatternFn extends DoFn<String, MatchResult.Metadata> {
  private final Counter loops = Metrics.counter(PipelineCounters.NAMESPACE, "symlink_loops_skipped");

  @ProcessElement
  public void processElement(@Element String pattern, OutputReceiver<MatchResult.Metadata> out) throws IOException {
    LocalListing.list(pattern, out::output, loops::inc);
  }
}
