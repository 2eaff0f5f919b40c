package ai.alicemultiverse.beam;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Splits each root pattern into many smaller ones that together match exactly the same files, so
 * that a big tree is listed by many parallel match steps instead of one serial one: a local folder
 * by its subfolders ({@link LocalFolderSplit}), an {@code s3://} or {@code gs://} prefix by the key
 * prefixes one level down ({@link S3PrefixSplit}, {@link GcsPrefixSplit}). User globs and single
 * files pass through unchanged. Files the split's own listing described in full (objects directly
 * under a {@code gs://} prefix) go to {@link #LISTED} instead of being matched again.
 */
class SplitRootFn extends DoFn<String, String> {
  /** Patterns still to be listed (the main output). */
  static final TupleTag<String> PATTERNS = new TupleTag<>() {};
  /** Files the split has listed itself. */
  static final TupleTag<MatchResult.Metadata> LISTED = new TupleTag<>() {};

  private final String gcsEndpoint;

  /**
   * @param gcsEndpoint the job's {@code --gcsEndpoint}, or null for Google's. Taken when the job is
   *     built because Beam does not serialize it with the options ({@code @JsonIgnore}): the copy a
   *     DoFn is given has lost it.
   */
  SplitRootFn(String gcsEndpoint) {
    this.gcsEndpoint = gcsEndpoint;
  }

  @ProcessElement
  public void processElement(@Element String pattern, MultiOutputReceiver out, PipelineOptions options)
      throws IOException {
    RootSplit split = split(pattern, options, gcsEndpoint);
    split.patterns().forEach(out.get(PATTERNS)::output);
    split.files().forEach(out.get(LISTED)::output);
  }

  static RootSplit split(String pattern, PipelineOptions options, String gcsEndpoint) throws IOException {
    ObjectStoreRoot root = ObjectStoreRoot.parse(pattern);
    if (root != null) {
      return root.scheme().equals("s3")
          ? S3PrefixSplit.split(root, options)
          : GcsPrefixSplit.split(root, options, gcsEndpoint);
    }
    Path folder = LocalFolderSplit.folder(pattern);
    return RootSplit.of(folder == null ? List.of(pattern) : LocalFolderSplit.split(folder, pattern));
  }
}
