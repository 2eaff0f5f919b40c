package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An MP4 with 5,000 nested {@code trak} boxes (about 53 KB) made metadata-extractor's MP4 reader (under
 * Tika) overflow its stack: every rebuild of a folder holding it aborted without naming the file.
 */
class NestedBoxesTest {
  @TempDir Path work;

  @Test
  @Timeout(120)
  void aFileOfDeeplyNestedBoxesIsOneFilesOutcomeNotTheEndOfTheRebuild() throws Exception {
    Path root = Files.createDirectories(work.resolve("media"));
    Path deep = root.resolve("deep.mp4");
    Files.write(deep, withNestedBoxes(Files.readAllBytes(HardeningCorpus.vectors().resolve("plain.mp4")), "trak",
        5_000));
    Path good = root.resolve("good.jpg");
    Files.copy(HardeningCorpus.vectors().resolve("plain.jpg"), good);
    Path cache = work.resolve("cache/alice.duckdb");

    RebuildPipeline.run(new RebuildConfig(List.of(root.toString()), cache, RebuildConfig.defaultParquetDir(cache),
            false),
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create(),
        new PrintStream(PrintStream.nullOutputStream()));

    Set<String> indexed = HostileInputTest.column(cache, "SELECT path FROM locations");
    Set<String> errors = HostileInputTest.column(cache, "SELECT path FROM errors");
    assertThat(indexed).contains(good.toString());
    Set<String> accounted = new HashSet<>(indexed);
    accounted.addAll(errors);
    assertThat(accounted).contains(deep.toString());
    // the depth is bounded before Tika sees the boxes: the file is indexed, its standard metadata a note
    assertThat(HostileInputTest.column(cache,
            "SELECT a.standard::VARCHAR FROM assets a JOIN locations l USING (content_hash) WHERE l.path = '"
                + deep + "'"))
        .singleElement().asString().contains("nested deeper than");
  }

  /** {@code original} with {@code depth} boxes of {@code type}, each holding the next, appended. */
  static byte[] withNestedBoxes(byte[] original, String type, int depth) {
    ByteBuffer out = ByteBuffer.allocate(original.length + 8 * depth).put(original);
    for (int d = 0; d < depth; d++) {
      out.putInt(8 * (depth - d)).put(type.getBytes(StandardCharsets.US_ASCII));
    }
    return out.array();
  }
}
