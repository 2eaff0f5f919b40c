package ai.alicemultiverse.beam;

import java.util.List;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.io.fs.MetadataCoderV2;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Finds the media files under a set of Beam file patterns (local paths, {@code s3://}, {@code
 * gs://}) and opens them for reading. Non-media files are skipped and counted. Local folders are
 * split into one pattern per subfolder ({@link SplitRootFn}) so a big tree is listed in parallel.
 */
public class MatchMedia extends PTransform<PBegin, PCollection<FileIO.ReadableFile>> {
  private final List<String> patterns;

  private MatchMedia(List<String> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  /** {@code patterns} as made by {@link RootPatterns#of}. */
  public static MatchMedia of(List<String> patterns) {
    return new MatchMedia(patterns);
  }

  @Override
  public PCollection<FileIO.ReadableFile> expand(PBegin input) {
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("no paths to scan");
    }
    PCollectionTuple listed = input
        .apply("Patterns", Create.of(patterns))
        .apply("SplitRoots", ParDo.of(new SplitRootFn()))
        // spread the split patterns over the workers so the folders are walked in parallel
        .apply("SpreadPatterns", Reshuffle.viaRandomKey())
        .apply("WalkLocalFolders", ParDo.of(new WalkLocalFoldersFn())
            .withOutputTags(WalkLocalFoldersFn.FILES, TupleTagList.of(WalkLocalFoldersFn.OTHER)));
    PCollection<MatchResult.Metadata> remote = listed.get(WalkLocalFoldersFn.OTHER)
        .apply("MatchAll", FileIO.matchAll().withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW));
    return PCollectionList.of(listed.get(WalkLocalFoldersFn.FILES).setCoder(MetadataCoderV2.of()))
        .and(remote)
        .apply("AllMatches", Flatten.pCollections())
        .apply("KeepMedia", ParDo.of(new KeepMediaFn()))
        .apply("ReadMatches", FileIO.readMatches()
            .withCompression(Compression.UNCOMPRESSED)
            .withDirectoryTreatment(FileIO.ReadMatches.DirectoryTreatment.SKIP));
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
      }
    }
  }
}
