package ai.alicemultiverse.runners;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.io.SafeFileWriter;
import ai.alicemultiverse.media.MetadataEmbedder;
import ai.alicemultiverse.pipelines.CacheRows;
import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.pipelines.RebuildSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental rebuild on an embedded Flink cluster: the listing is joined with the previous cache's
 * copies inside the job (no map on the driver), unchanged files are not read, a file tagged with its mtime
 * kept is, and the cache equals a {@code --full} rebuild's.
 */
class FlinkIncrementalTest {
  @TempDir Path work;

  @Test
  void unchangedFilesAreReusedAndATaggedOneIsReadOnFlink() throws Exception {
    Path pics = Files.createDirectories(work.resolve("pics"));
    for (String sample : List.of("renders/neon-alley.png", "renders/sunset-harbor.jpg", "inbox/pattern.png")) {
      Files.copy(FlinkRunnerTest.samples().resolve(sample), pics.resolve(Path.of(sample).getFileName()));
    }
    Path cache = work.resolve("alice.duckdb");
    rebuild(pics, cache, false);
    MetadataEmbedder.embed(pics.resolve("neon-alley.png"), m -> m.toBuilder().description("tagged on flink").build(),
        SafeFileWriter.Mtime.KEEP);

    RebuildSummary again = rebuild(pics, cache, false);

    assertThat(again.runLine()).isEqualTo("incremental run: read 1 files, reused 2 unchanged (--full reads every file)");
    assertThat(CacheRows.query(cache, "SELECT description FROM assets WHERE description IS NOT NULL ORDER BY 1"))
        .contains(List.of("tagged on flink"));
    Path fresh = work.resolve("fresh/alice.duckdb");
    Files.createDirectories(fresh.getParent());
    rebuild(pics, fresh, true);
    for (String query : List.of(FlinkRunnerTest.ASSETS, FlinkRunnerTest.LOCATIONS, FlinkRunnerTest.TAGS,
        FlinkRunnerTest.ERRORS)) {
      assertThat(CacheRows.query(cache, query)).as(query).isEqualTo(CacheRows.query(fresh, query));
    }
  }

  private static RebuildSummary rebuild(Path root, Path cache, boolean full) throws Exception {
    return RebuildPipeline.run(new RebuildConfig(List.of(root.toString()), cache,
            RebuildConfig.defaultParquetDir(cache).toString(), false, full),
        FlinkRunnerTest.options("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"),
        FlinkRunnerTest.quiet());
  }
}
