package ai.alicemultiverse.beam;

import ai.alicemultiverse.model.FileError;
import ai.alicemultiverse.model.MediaFiles;
import ai.alicemultiverse.model.MediaRecord;
import ai.alicemultiverse.model.StorageLabels;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.gcp.options.GcsOptions;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Finds the media files under a set of Beam file patterns (local paths, {@code s3://}, {@code
 * gs://}) and opens them for reading. Non-media files are skipped and counted. Each root is split
 * into one pattern per subfolder or key prefix one level down ({@link SplitRootFn}) so a big tree
 * is listed in parallel. A local folder that cannot be read is an error of stage {@link
 * FileError#LIST} on {@link #UNREADABLE}, for the job's error rows.
 */
public class MatchMedia extends PTransform<PBegin, PCollectionTuple> {
  // Named tags: a generated id would differ on a worker that loads this class again (see ExtractMediaFn).
  /** The media files, opened for reading. */
  public static final TupleTag<FileIO.ReadableFile> FILES = new TupleTag<>("MatchMedia.FILES") {};
  /** Folders that could not be listed. */
  public static final TupleTag<FileError> UNREADABLE = ListPatternFn.UNREADABLE;
  /** The previous records of unchanged files, which are not opened ({@link ReuseUnchanged}); none in a full run. */
  public static final TupleTag<MediaRecord> REUSED = ReuseUnchanged.REUSED;
  /** The known locations whose rows cannot stay as they are ({@link ListChanges}); none but in {@link #changes}. */
  public static final TupleTag<String> STALE = ListChanges.STALE;

  private final List<String> patterns;
  private final String previousCopies;
  /** The known locations' Parquet file of {@link #changes}, else null. */
  private final String knownLocations;
  private final StorageLabels labels;

  private MatchMedia(List<String> patterns, String previousCopies, String knownLocations, StorageLabels labels) {
    this.patterns = List.copyOf(patterns);
    this.previousCopies = previousCopies;
    this.knownLocations = knownLocations;
    this.labels = labels;
  }

  /** {@code patterns} as made by {@link RootPatterns#of}: every media file is opened. */
  public static MatchMedia of(List<String> patterns) {
    return new MatchMedia(patterns, null, null, StorageLabels.none());
  }

  /**
   * An incremental run: files whose path and change signature equal a copy's in {@code previousCopies}
   * (a Parquet file, see {@link ReuseUnchanged}) are not opened, their previous records go to {@link #REUSED};
   * with {@code previousCopies} null, every media file is opened.
   */
  public static MatchMedia reusing(List<String> patterns, String previousCopies) {
    return new MatchMedia(patterns, previousCopies, null, StorageLabels.none());
  }

  /**
   * An incremental rebuild that passes on only what changed ({@link ListChanges}): files whose path, change
   * signature and storage type (by {@code labels}) equal a location's in {@code knownLocations} are counted
   * and not opened, nothing of them is on {@link #REUSED}; the known locations not listed or read again go to
   * {@link #STALE}.
   */
  public static MatchMedia changes(List<String> patterns, String knownLocations, StorageLabels labels) {
    return new MatchMedia(patterns, null, knownLocations, labels);
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("no paths to scan");
    }
    PCollectionTuple split = input
        .apply("Patterns", Create.of(patterns))
        .apply("SplitRoots", ParDo.of(new SplitRootFn(
                input.getPipeline().getOptions().as(GcsOptions.class).getGcsEndpoint()))
            .withOutputTags(SplitRootFn.PATTERNS, TupleTagList.of(SplitRootFn.LISTED)));
    PCollectionTuple listing = split.get(SplitRootFn.PATTERNS)
        // spread the split patterns over the workers so the folders and prefixes are listed in parallel
        .apply("SpreadPatterns", Reshuffle.viaRandomKey())
        .apply("ListFiles", ParDo.of(new ListPatternFn())
            .withOutputTags(ListPatternFn.FILES, TupleTagList.of(ListPatternFn.UNREADABLE)));
    // each file's mtime and change signature are kept (Beam's first Metadata coder drops the mtime)
    PCollection<MatchResult.Metadata> listed = listing.get(ListPatternFn.FILES)
        .setCoder(SignedMetadataCoder.of());
    PCollection<FileError> unreadable = listing.get(ListPatternFn.UNREADABLE).setCoder(RecordCoders.fileError());
    PCollection<MatchResult.Metadata> all = PCollectionList.of(listed)
        .and(split.get(SplitRootFn.LISTED).setCoder(SignedMetadataCoder.of()))
        .apply("AllFiles", Flatten.pCollections())
        .setCoder(SignedMetadataCoder.of());
    // spread the files of one big folder over the workers; ListChanges' join by path spreads them already
    PCollection<MatchResult.Metadata> media = (knownLocations != null ? all : all.apply("SpreadFiles", new SpreadFiles()))
        .apply("KeepMedia", ParDo.of(new KeepMediaFn()))
        .setCoder(SignedMetadataCoder.of());
    PCollection<MediaRecord> reused;
    PCollection<String> stale;
    if (knownLocations != null) {
      PCollectionTuple changed = media.apply("ListChanges", ListChanges.against(knownLocations, labels));
      media = changed.get(ListChanges.TO_READ);
      stale = changed.get(ListChanges.STALE);
    } else {
      stale = input.getPipeline().apply("NothingStale", Create.empty(StringUtf8Coder.of()));
    }
    if (previousCopies == null) {
      reused = input.getPipeline().apply("NothingReused", Create.empty(RecordCoders.mediaRecord()));
    } else {
      PCollectionTuple joined = media.apply("ReuseUnchanged", ReuseUnchanged.from(previousCopies));
      media = joined.get(ReuseUnchanged.TO_READ);
      reused = joined.get(ReuseUnchanged.REUSED);
    }
    PCollection<FileIO.ReadableFile> files = media.apply("ReadMatches", ReadSigned.matches());
    return PCollectionTuple.of(FILES, files).and(UNREADABLE, unreadable).and(REUSED, reused)
        .and(STALE, stale);
  }

  static class KeepMediaFn extends DoFn<MatchResult.Metadata, MatchResult.Metadata> {
    private final Counter matched = Metrics.counter(PipelineCounters.NAMESPACE, PipelineCounters.MATCHED);
    private final Counter skipped = Metrics.counter(PipelineCounters.NAMESPACE, "files_skipped");

    @ProcessElement
    public void processElement(@Element MatchResult.Metadata file, OutputReceiver<MatchResult.Metadata> out) {
      if (MediaFiles.looksLikeMedia(file.resourceId().toString())) {
        matched.inc();
        out.output(file);
      } else {
        skipped.inc();
        String path = file.resourceId().toString();
        if (!MediaFiles.isTemp(path)) { // an interrupted write's leftover is ours, not a file of the user's
          Metrics.counter(PipelineCounters.NAMESPACE, PipelineCounters.SKIPPED_KIND_PREFIX + SkippedKinds.of(path))
              .inc();
        }
      }
    }
  }
}
