package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.alicemultiverse.cache.CacheLoader;
import ai.alicemultiverse.cache.CacheLock;
import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.pipelines.RebuildSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage faults of the cache: corrupted, locked, a rebuild failing midway, a full disk. The previous cache
 * stays usable whenever a rebuild fails, and a rebuild from the files restores it row for row.
 */
@Timeout(300)
class StorageFaultsTest {
  @TempDir Path work;

  @Test
  void aCacheOfRandomBytesIsReplacedByAFreshOne() throws Exception {
    Path root = media();
    Path cache = work.resolve("cache/alice.duckdb");
    rebuild(root, cache, RebuildConfig.defaultParquetDir(cache));
    Set<String> rows = rows(cache);
    byte[] junk = new byte[(int) Files.size(cache)];
    new SplittableRandom(7).nextBytes(junk);
    Files.write(cache, junk);

    rebuild(root, cache, RebuildConfig.defaultParquetDir(cache));

    assertThat(rows(cache)).isEqualTo(rows).isNotEmpty();
  }

  @Test
  void aLockedCacheIsRefusedClearlyAndLeftAsItWas() throws Exception {
    Path root = media();
    Path cache = work.resolve("cache/alice.duckdb");
    rebuild(root, cache, RebuildConfig.defaultParquetDir(cache));
    Set<String> rows = rows(cache);
    try (CacheLock held = CacheLoader.lockForRebuild(cache)) {
      assertThatThrownBy(() -> rebuild(root, cache, RebuildConfig.defaultParquetDir(cache)))
          .isInstanceOf(IOException.class)
          .hasMessage(cache + ": another alice process is rebuilding this cache");
    }
    assertThat(rows(cache)).isEqualTo(rows);
  }

  @Test
  void aRebuildThatFailsMidwayLeavesThePreviousCacheUsable() throws Exception {
    Path root = media();
    Path cache = work.resolve("cache/alice.duckdb");
    rebuild(root, cache, RebuildConfig.defaultParquetDir(cache));
    Set<String> rows = rows(cache);
    Path notAFolder = Files.writeString(work.resolve("parquet-is-a-file"), "x"); // the hand-off cannot be written

    assertThatThrownBy(() -> rebuild(root, cache, notAFolder)).isInstanceOf(Exception.class);

    assertThat(rows(cache)).isEqualTo(rows);
    assertThat(hiddenLeftovers(cache.getParent())).allMatch(n -> n.endsWith(".lock"));
  }

  @Test
  void aFullDiskFailsTheRebuildClearlyAndKeepsThePreviousCache() throws Exception {
    Path disk = Files.createDirectories(work.resolve("small-disk"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", disk.toString())
        .redirectErrorStream(true).start();
    assumeTrue(mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0, "cannot mount a tmpfs here");
    try {
      Path root = media();
      Path cache = disk.resolve("alice.duckdb");
      Path parquet = work.resolve("parquet"); // the hand-off on the big disk: only the cache meets the full one
      rebuild(root, cache, parquet);
      Set<String> rows = rows(cache);
      long free = Files.getFileStore(disk).getUsableSpace();
      Path filler = disk.resolve("filler");
      Files.write(filler, new byte[(int) Math.max(0, free - 64 * 1024)]);

      // --full: a new cache file is built beside the old one, which is what meets the full disk (an
      // incremental re-run that finds nothing changed writes only its runs row, in place)
      assertThatThrownBy(() -> rebuild(root, cache, parquet, true))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith(cache + ": could not build the cache");

      assertThat(rows(cache)).isEqualTo(rows);
      assertThat(hiddenLeftovers(disk)).allMatch(n -> n.endsWith(".lock"));
      try (var runs = Files.list(parquet)) {
        assertThat(runs).hasSize(1); // the failed run's shards were removed; the loaded run's stay
      }
      Files.delete(filler);
      rebuild(root, cache, parquet);
      assertThat(rows(cache)).isEqualTo(rows);
    } finally {
      new ProcessBuilder("umount", disk.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private Path media() throws IOException {
    Path root = work.resolve("media");
    if (!Files.isDirectory(root)) {
      HardeningCorpus.copyInto(root);
    }
    return root;
  }

  private static RebuildSummary rebuild(Path root, Path cache, Path parquet) throws IOException {
    return rebuild(root, cache, parquet, false);
  }

  private static RebuildSummary rebuild(Path root, Path cache, Path parquet, boolean full) throws IOException {
    return RebuildPipeline.run(new RebuildConfig(List.of(root.toString()), cache, parquet.toString(), false, full),
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create(),
        new PrintStream(PrintStream.nullOutputStream()));
  }

  /** The cache's rows that come from the files (not run history): locations, tags, errors. */
  private static Set<String> rows(Path cache) throws Exception {
    Set<String> rows = new java.util.HashSet<>();
    HostileInputTest.column(cache, "SELECT content_hash || ' ' || path FROM locations").forEach(r -> rows.add("L " + r));
    HostileInputTest.column(cache, "SELECT content_hash || ' ' || category || ':' || value FROM tags")
        .forEach(r -> rows.add("T " + r));
    HostileInputTest.column(cache, "SELECT path || ' ' || reason FROM errors").forEach(r -> rows.add("E " + r));
    return rows;
  }

  private static List<String> hiddenLeftovers(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
    }
  }
}
