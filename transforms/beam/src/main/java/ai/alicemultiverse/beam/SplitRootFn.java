package ai.alicemultiverse.beam;

import ai.alicemultiverse.model.MediaFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
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
 *
 * <p>An object store root with few key prefixes (a bucket whose {@code archive/} holds everything)
 * would still be listed by a few serial listings: its parts are split again, level by level, until
 * there are {@link #ENOUGH_PARTS} parts or {@link #MAX_LEVELS} levels have been split. Each split is
 * exact, so splitting its parts again is too. Local folders are split one level only.
 */
class SplitRootFn extends DoFn<String, String> {
  // Named tags: a generated id would differ on a worker that loads this class again (see ExtractMediaFn).
  /** Patterns still to be listed (the main output). */
  static final TupleTag<String> PATTERNS = new TupleTag<>("SplitRootFn.PATTERNS") {};
  /** Files the split has listed itself. */
  static final TupleTag<MatchResult.Metadata> LISTED = new TupleTag<>("SplitRootFn.LISTED") {};

  /** Patterns enough to keep every worker listing. */
  static final int ENOUGH_PARTS = 64;
  /** Levels below an object store root split at most (one listing request per prefix and page each). */
  static final int MAX_LEVELS = 3;

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
    // counted before the outputs: a listing never finishes before it is counted as open
    listingsOpen.inc(split.patterns().size());
    mediaListed.inc(split.files().stream().filter(f -> MediaFiles.looksLikeMedia(f.resourceId().toString())).count());
    rootsSplit.inc();
    split.patterns().forEach(out.get(PATTERNS)::output);
    split.files().forEach(out.get(LISTED)::output);
  }

  // For the progress line: how many files there are to read, once every listing is done.
  private final Counter rootsSplit = Metrics.counter(PipelineCounters.NAMESPACE, PipelineCounters.ROOTS_SPLIT);
  private final Counter listingsOpen = Metrics.counter(PipelineCounters.NAMESPACE, PipelineCounters.LISTINGS_OPEN);
  private final Counter mediaListed = Metrics.counter(PipelineCounters.NAMESPACE, PipelineCounters.MEDIA_LISTED);

  static RootSplit split(String pattern, PipelineOptions options, String gcsEndpoint) throws IOException {
    return split(pattern, options, gcsEndpoint, MAX_LEVELS);
  }

  /** {@link #split(String, PipelineOptions, String)}, splitting an object store root {@code levels} deep at most. */
  static RootSplit split(String pattern, PipelineOptions options, String gcsEndpoint, int levels) throws IOException {
    ObjectStoreRoot root = ObjectStoreRoot.parse(pattern);
    if (root == null) {
      Path folder = LocalFolderSplit.folder(pattern);
      return RootSplit.of(folder == null ? List.of(pattern) : LocalFolderSplit.split(folder, pattern));
    }
    RootSplit split = splitOnce(root, options, gcsEndpoint);
    Set<String> whole = new HashSet<>(Set.of(pattern)); // roots that could not be split: not listed again
    for (int level = 2; level <= levels && split.patterns().size() < ENOUGH_PARTS; level++) {
      List<String> patterns = new ArrayList<>();
      List<MatchResult.Metadata> files = new ArrayList<>(split.files());
      for (String part : split.patterns()) {
        ObjectStoreRoot sub = ObjectStoreRoot.parse(part);
        if (sub == null || whole.contains(part)) {
          patterns.add(part); // an object, or a root that could not be split
          continue;
        }
        RootSplit deeper = splitOnce(sub, options, gcsEndpoint);
        if (deeper.equals(RootSplit.of(List.of(part)))) {
          whole.add(part);
        }
        patterns.addAll(deeper.patterns());
        files.addAll(deeper.files());
      }
      if (patterns.equals(split.patterns())) {
        break; // nothing below splits any further
      }
      patterns.sort(null);
      split = new RootSplit(patterns, files);
    }
    return split;
  }

  private static RootSplit splitOnce(ObjectStoreRoot root, PipelineOptions options, String gcsEndpoint)
      throws IOException {
    return root.scheme().equals("s3")
        ? S3PrefixSplit.split(root, options)
        : GcsPrefixSplit.split(root, options, gcsEndpoint);
  }
}
