package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.io.SafeFileWriter;
import ai.alicemultiverse.media.MetadataEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running watch sees an {@code alice tag -P} edit (a temporary copy renamed over the file, the mtime
 * kept) in its next batch: it tells file versions apart by their change signature (new inode and ctime),
 * not by their mtime alone.
 */
class WatchSeesKeptMtimeEditsTest {
  @Test
  void aTagWithTheMtimeKeptReachesTheRunningWatch(@TempDir Path work) throws Exception {
    Path inbox = Files.createDirectories(work.resolve("inbox"));
    Path cache = work.resolve("alice.duckdb");
    Path neon = Files.copy(Samples.dir().resolve("renders/neon-alley.png"), inbox.resolve("neon.png"));
    MetadataEmbedder.embed(neon, m -> m.toBuilder().description("before the edit").build());

    WatchPipeline.Running watch = WatchPipeline.start(
        new WatchConfig(List.of(inbox.toString()), cache, Duration.ofMillis(300), false),
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    try {
      String description = "SELECT description FROM assets";
      WatchPipelineTest.awaitRows(watch, cache, description, List.of(List.of("before the edit")));

      var modified = Files.getLastModifiedTime(neon);
      MetadataEmbedder.embed(neon, m -> m.toBuilder().description("after the edit").build(), SafeFileWriter.Mtime.KEEP);
      org.assertj.core.api.Assertions.assertThat(Files.getLastModifiedTime(neon)).isEqualTo(modified);

      WatchPipelineTest.awaitRows(watch, cache, description, List.of(List.of("after the edit")));
      org.assertj.core.api.Assertions.assertThat(CacheRows.single(cache, "SELECT signature FROM locations"))
          .isEqualTo(ai.alicemultiverse.beam.FileSignature.local(neon));
    } finally {
      watch.stop(Duration.ofSeconds(30));
    }
  }
}
