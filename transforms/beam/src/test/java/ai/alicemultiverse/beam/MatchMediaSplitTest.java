package ai.alicemultiverse.beam;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.model.MediaFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splitting a local root into per-subfolder patterns finds exactly what one recursive walk finds. */
class MatchMediaSplitTest {
  private static final PipelineOptions OPTIONS = PipelineOptionsFactory.create();

  @TempDir Path tmp;
  Path root;

  @BeforeEach
  void tree() throws IOException {
    root = tmp.resolve("archive");
    write(root.resolve("top.jpg"));
    write(root.resolve("notes.txt"));
    write(root.resolve("odd [1].png")); // wildcard characters in a file name
    write(root.resolve("2024/a.jpg"));
    write(root.resolve("2024/deep/er/b.mp3"));
    write(root.resolve("2025/c.wav"));
    write(root.resolve(".hidden/d.webp"));
    Files.createDirectories(root.resolve("empty"));
    write(tmp.resolve("elsewhere/linked.mp4"));
    Files.createSymbolicLink(root.resolve("link"), tmp.resolve("elsewhere"));
  }

  private static void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, file.getFileName().toString().getBytes());
  }

  @Test
  void splitsAFolderIntoItsSubfoldersAndItsOwnFiles() throws IOException {
    assertThat(SplitRootFn.split(root + "/**", OPTIONS, null).patterns()).containsExactly(
        root + "/.hidden/**",
        root + "/2024/**",
        root + "/2025/**",
        root + "/empty/**",
        root + "/link/**",
        root + "/notes.txt",
        root + "/odd [1].png",
        root + "/top.jpg");
  }

  @Test
  void leavesGlobsFilesAndMissingFoldersAsTheyAre() throws IOException {
    // object stores are split by listing them: S3SplitRootTest and GcsSplitRootTest (pipelines)
    assertThat(SplitRootFn.split("s3://bucket/*.jpg", OPTIONS, null).patterns()).containsExactly("s3://bucket/*.jpg");
    assertThat(SplitRootFn.split(root + "/*/a.jpg", OPTIONS, null).patterns()).containsExactly(root + "/*/a.jpg");
    assertThat(SplitRootFn.split(root + "/top.jpg", OPTIONS, null).patterns()).containsExactly(root + "/top.jpg");
    assertThat(SplitRootFn.split(tmp.resolve("missing") + "/**", OPTIONS, null).patterns()).containsExactly(tmp.resolve("missing") + "/**");
  }

  @Test
  void aSubfolderNamedLikeAWildcardKeepsTheSingleWalk() throws IOException {
    write(root.resolve("set[2]/e.jpg"));
    assertThat(SplitRootFn.split(root + "/**", OPTIONS, null).patterns()).containsExactly(root + "/**");
  }

  @Test
  void matchesExactlyWhatBeamsOwnRecursiveMatchFinds() throws IOException {
    List<String> unsplit = new ArrayList<>();
    for (MatchResult.Metadata m : FileSystems.match(root + "/**").metadata()) {
      if (MediaFiles.looksLikeMedia(m.resourceId().toString())) {
        unsplit.add(m.resourceId().toString());
      }
    }
    assertThat(unsplit).containsExactlyInAnyOrder(
        root + "/top.jpg", root + "/odd [1].png", root + "/2024/a.jpg", root + "/2024/deep/er/b.mp3",
        root + "/2025/c.wav", root + "/.hidden/d.webp", root + "/link/linked.mp4");

    List<String> expected = new ArrayList<>();
    for (String path : unsplit) {
      expected.add(path + " " + Files.size(Path.of(path)));
    }
    assertThat(found(root + "/**")).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void linksBackToTheRootOrAboveItAreLoopsInEverySplitPartAsInTheWholeWalk() throws IOException {
    Path media = tmp.resolve("media");
    write(media.resolve("a.jpg"));
    write(media.resolve("sub/b.png"));
    Files.createSymbolicLink(media.resolve("loop"), media); // a split part that is the root again
    Files.createSymbolicLink(media.resolve("sub/up"), media); // the root again, below a split part
    Files.createSymbolicLink(media.resolve("sub/out"), tmp); // the folder that holds the root
    assertThat(SplitRootFn.split(media + "/**", OPTIONS, null).patterns())
        .containsExactly(media + "/a.jpg", media + "/loop/**", media + "/sub/**");

    assertThat(found(media + "/**")).containsExactlyInAnyOrder(media + "/a.jpg 5", media + "/sub/b.png 5");
  }

  /** "path size" of every media file MatchMedia finds under {@code pattern}, on the DirectRunner. */
  private List<String> found(String pattern) throws IOException {
    Path out = Files.createTempDirectory(tmp, "found");
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    pipeline
        .apply(MatchMedia.of(List.of(pattern)))
        .get(MatchMedia.FILES)
        .apply(MapElements.into(TypeDescriptors.strings())
            .via((FileIO.ReadableFile f) -> f.getMetadata().resourceId() + " " + f.getMetadata().sizeBytes()))
        .apply(TextIO.write().to(out + "/part").withSuffix(".txt"));
    pipeline.run().waitUntilFinish();

    List<String> found = new ArrayList<>();
    try (Stream<Path> parts = Files.list(out)) {
      for (Path part : parts.toList()) {
        found.addAll(Files.readAllLines(part));
      }
    }
    return found;
  }
}
