package ai.alicemultiverse.beam;

import ai.alicemultiverse.model.FileError;
import ai.alicemultiverse.model.MediaFiles;
import java.util.List;
import org.apache.beam.sdk.extensions.gcp.options.GcsOptions;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.ReadableFileCoder;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MetadataCoderV2;
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
  /** The media files, opened for reading. */
  public static final TupleTag<FileIO.ReadableFile> FILES = new TupleTag<>() {};
  /** Folders that could not be listed. */
  public static final TupleTag<FileError> UNREADABLE = ListPatternFn.UNREADABLE;

  private final List<String> patterns;

  private MatchMedia(List<String> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  /** {@code patterns} as made by {@link RootPatterns#of}. */
  public static MatchMedia of(List<String> patterns) {
    return new MatchMedia(patterns);
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
    PCollection<MatchResult.Metadata> listed = listing.get(ListPatternFn.FILES)
        .setCoder(MetadataCoderV2.of()); // V2 keeps each file's mtime
    PCollection<FileError> unreadable = listing.get(ListPatternFn.UNREADABLE).setCoder(RecordCoders.fileError());
    PCollection<FileIO.ReadableFile> files = PCollectionList.of(listed)
        .and(split.get(SplitRootFn.LISTED).setCoder(MetadataCoderV2.of()))
        .apply("AllFiles", Flatten.pCollections())
        .setCoder(MetadataCoderV2.of())
        // spread the files of one big folder over the workers
        .apply("SpreadFiles", new SpreadFiles())
        .apply("KeepMedia", ParDo.of(new KeepMediaFn()))
        .setCoder(MetadataCoderV2.of())
        .apply("ReadMatches", FileIO.readMatches()
            .withCompression(Compression.UNCOMPRESSED)
            .withDirectoryTreatment(FileIO.ReadMatches.DirectoryTreatment.SKIP))
        .setCoder(ReadableFileCoder.of(MetadataCoderV2.of())); // keep each file's mtime
    return PCollectionTuple.of(FILES, files).and(UNREADABLE, unreadable);
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
