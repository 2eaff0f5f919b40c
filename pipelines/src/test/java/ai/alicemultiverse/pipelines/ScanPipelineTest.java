package ai.alicemultiverse.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.cache.CacheScan;
import ai.alicemultiverse.understanding.OfflineProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moves, copies and deletions found by scan, checked in the DuckDB file with SQL. */
class ScanPipelineTest {
  @TempDir Path work;

  ScanSummary scan(Path cache, Path... roots) throws Exception {
    return ScanPipeline.run(new ScanConfig(java.util.Arrays.stream(roots).map(Path::toString).toList(), cache),
        IngestPipelineTest.directRunner(), IngestPipelineTest.QUIET);
  }

  @Test
  void moveCopyAndDelete() throws Exception {
    Path rootA = work.resolve("a");
    Path x = Files.createDirectories(rootA.resolve("sub1")).resolve("x.png");
    Path y = rootA.resolve("y.jpg");
    Files.copy(IngestPipelineTest.vector("a1111.png"), x);
    Files.copy(IngestPipelineTest.vector("plain.jpg"), y);
    x.toFile().setWritable(true);
    y.toFile().setWritable(true);
    Path cache = work.resolve("alice.duckdb");
    IngestPipelineTest.ingest(rootA, cache, new OfflineProvider(), false, false);
    String hashX = CacheRows.single(cache, "SELECT content_hash FROM locations WHERE path = '" + x + "'");
    String hashY = CacheRows.single(cache, "SELECT content_hash FROM locations WHERE path = '" + y + "'");

    // moved from one folder to another under the same root: one row, the new location
    Path moved = Files.createDirectories(rootA.resolve("sub2")).resolve("x.png");
    Files.move(x, moved);
    ScanSummary afterMove = scan(cache, rootA);
    assertThat(afterMove.changes().moved()).containsExactly(new CacheScan.Move(hashX, x.toString(), moved.toString()));
    assertThat(afterMove.changes().appeared()).isEmpty();
    assertThat(afterMove.changes().vanished()).isEmpty();
    assertThat(CacheRows.query(cache, "SELECT path, state FROM locations WHERE content_hash = '" + hashX + "'"))
        .containsExactly(List.of(moved.toString(), "present"));
    assertThat(CacheRows.query(cache, "SELECT count(*), any_value(location_count),"
        + " any_value(list_transform(locations, l -> l.path))::VARCHAR, any_value(provider)"
        + " FROM assets WHERE content_hash = '" + hashX + "'"))
        .containsExactly(List.of("1", "1", "[" + moved + "]", "stable-diffusion-webui"));

    // a copy on a second root: a second location of the same asset
    Path rootB = Files.createDirectories(work.resolve("b"));
    Path copy = rootB.resolve("copy.png");
    Files.copy(moved, copy);
    ScanSummary afterCopy = scan(cache, rootB);
    assertThat(afterCopy.changes().appeared()).containsExactly(copy.toString());
    assertThat(afterCopy.changes().moved()).isEmpty();
    assertThat(CacheRows.query(cache, "SELECT location_count, list_transform(locations, l -> l.path)::VARCHAR"
        + " FROM assets WHERE content_hash = '" + hashX + "'"))
        .containsExactly(List.of("2", "[" + moved + ", " + copy + "]"));
    assertThat(CacheRows.single(cache, "SELECT count(*) FROM assets")).isEqualTo("2");

    // deleted: listed as vanished, its location and its asset (no copy left) leave the cache, as a
    // rebuild of the same files would not have them
    Files.delete(y);
    ScanSummary afterDelete = scan(cache, rootA);
    assertThat(afterDelete.changes().vanished()).containsExactly(y.toString());
    assertThat(CacheRows.single(cache, "SELECT count(*) FROM locations WHERE content_hash = '" + hashY + "'"))
        .isEqualTo("0");
    assertThat(CacheRows.single(cache, "SELECT count(*) FROM assets WHERE content_hash = '" + hashY + "'"))
        .isEqualTo("0");
    // the other root was not scanned, so its location is untouched
    assertThat(CacheRows.single(cache, "SELECT location_count FROM assets WHERE content_hash = '" + hashX + "'"))
        .isEqualTo("2");
    assertThat(afterDelete.describe()).startsWith("vanished  " + y + "\n")
        .endsWith("\n1 file(s) vanished since the last run: removed from the cache"
            + " (an asset with no copy left is no longer found by search)");
  }
}
