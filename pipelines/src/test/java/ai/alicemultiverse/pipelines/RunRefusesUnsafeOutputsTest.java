package ai.alicemultiverse.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alicemultiverse.understanding.OfflineProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java caller of the pipelines' {@code run} methods meets the same refusals as the command line: the unsafe
 * output is named and nothing is written.
 */
class RunRefusesUnsafeOutputsTest {
  @TempDir Path work;

  private Path media() throws IOException {
    Path root = Files.createDirectories(work.resolve("media"));
    Files.copy(IngestPipelineTest.vector("plain.jpg"), root.resolve("run-2024.jpg")); // what a clean-up would delete
    return root;
  }

  @Test
  void aRebuildWhoseHandOffIsTheScannedRootIsRefused() throws Exception {
    Path root = media();
    Map<String, Long> before = tree(work);
    Path cache = work.resolve("alice.duckdb");
    RebuildConfig config = new RebuildConfig(List.of(root.toString()), cache, root, false);

    assertThatThrownBy(() -> RebuildPipeline.run(config, IngestPipelineTest.directRunner(), IngestPipelineTest.QUIET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--parquet: " + root + " is the scanned root " + root
            + "; every rebuild deletes the older run-* entries");
    assertThat(tree(work)).isEqualTo(before);
  }

  @Test
  void aRebuildOrIngestIntoACachePathThatIsAMediaFileIsRefused() throws Exception {
    Path root = media();
    Path mediaFile = root.resolve("run-2024.jpg");
    Map<String, Long> before = tree(work);

    assertThatThrownBy(() -> RebuildPipeline.run(new RebuildConfig(List.of(root.toString()), mediaFile,
            work.resolve("hand-off"), false), IngestPipelineTest.directRunner(), IngestPipelineTest.QUIET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--cache: " + mediaFile + " is named like a media file");
    assertThatThrownBy(() -> IngestPipeline.run(new IngestConfig(List.of(root.toString()), mediaFile,
            work.resolve("hand-off"), new OfflineProvider(), false, false), IngestPipelineTest.directRunner(),
            IngestPipelineTest.QUIET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--cache: " + mediaFile + " is named like a media file");
    assertThat(tree(work)).isEqualTo(before);
  }

  @Test
  void anExportIntoTheCachesOwnFolderIsRefused() throws Exception {
    Path cache = Files.writeString(work.resolve("alice.duckdb"), "");
    Map<String, Long> before = tree(work);
    ExportConfig config = new ExportConfig(work.toString(), cache, List.of(), null, List.of(), 1000, null, false);

    assertThatThrownBy(() -> ExportJob.run(config, IngestPipelineTest.directRunner(), IngestPipelineTest.QUIET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--to: " + work + " is the cache's own folder");
    assertThat(tree(work)).isEqualTo(before);
  }

  private static Map<String, Long> tree(Path dir) throws IOException {
    Map<String, Long> sizes = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.toList()) {
        sizes.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? Files.size(p) : -1L);
      }
    }
    return sizes;
  }
}
