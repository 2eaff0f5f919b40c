package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.cache.CacheLoader;
import ai.alicemultiverse.cache.CacheLock;
import ai.alicemultiverse.cache.RunInfo;
import ai.alicemultiverse.pipelines.WatchConfig;
import ai.alicemultiverse.pipelines.WatchPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running watch and the other processes of a cache: a rebuild that swaps in a new file, a reader that
 * holds the file for long, a tree with symbolic link loops. The watch loses nothing and never dies.
 */
@Timeout(300)
class WatchMeetsRebuildTest {
  @TempDir Path work;

  /**
   * Deterministic: this test holds the rebuild's own locks (as a rebuild does from its start to its swap)
   * while the watch sees new files, then does the rebuild's real swap. Regression: the watch committed
   * into the old file meanwhile and the swap threw those rows away for good (Beam's watch never emits a
   * file twice).
   */
  @Test
  void filesTheWatchSeesDuringARebuildAreInTheSwappedCache() throws Exception {
    Path inbox = Files.createDirectories(work.resolve("inbox"));
    Path cache = work.resolve("cache/alice.duckdb");
    List<Path> originals = HardeningCorpus.originals().subList(0, 5);
    WatchPipeline.Running watch = start(inbox, cache);
    try {
      List<String> dropped = new ArrayList<>();
      try (CacheLock rebuilding = CacheLoader.lockForRebuild(cache)) {
        for (Path original : originals) {
          dropped.add(drop(original, inbox).toString());
        }
        Thread.sleep(3000); // many polls: the watch has read every file and waits for the cache
        assertThat(watch.state()).isEqualTo(PipelineResult.State.RUNNING);
        Instant now = Instant.now();
        CacheLoader.rebuild(rebuilding, List.of(), List.of(),
            new RunInfo("test-swap", now, now, List.of(work.resolve("elsewhere").toString()), "test", 0, 0, 0, 0));
      }
      awaitPaths(watch, cache, new TreeSet<>(dropped));
    } finally {
      watch.stop(Duration.ofSeconds(30));
    }
  }

  /**
   * A real {@code alice rebuild} child process over another folder while the watch commits new files:
   * after its swap every file the watch saw is in the cache, beside the rebuild's own.
   */
  @Test
  void aRealRebuildInAChildProcessKeepsWhatTheWatchCommitted() throws Exception {
    Path inbox = Files.createDirectories(work.resolve("inbox"));
    Path library = work.resolve("library");
    List<Path> libraryFiles = HardeningCorpus.copyInto(library);
    Path cache = work.resolve("cache/alice.duckdb");
    WatchPipeline.Running watch = start(inbox, cache);
    try {
      Process rebuild = AliceProcess.start(List.of("rebuild", library.toString(), "--cache", cache.toString()),
          work.resolve("rebuild.log"));
      awaitLockOf(cache, rebuild);
      Set<String> dropped = new TreeSet<>();
      for (Path original : HardeningCorpus.originals().subList(0, 5)) {
        dropped.add(drop(original, inbox).toString());
      }
      assertThat(rebuild.waitFor(4, TimeUnit.MINUTES)).isTrue();
      assertThat(rebuild.exitValue()).as(Files.readString(work.resolve("rebuild.log"))).isIn(0, 1);
      awaitPaths(watch, cache, dropped);
      Set<String> rows = new TreeSet<>(HostileInputTest.column(cache, "SELECT path FROM locations"));
      rows.addAll(HostileInputTest.column(cache, "SELECT path FROM errors"));
      assertThat(rows.stream().filter(p -> p.startsWith(library + "/")).count()).isEqualTo(libraryFiles.size());
    } finally {
      watch.stop(Duration.ofSeconds(30));
    }
  }

  /**
   * Regression: a batch waited 20 s for a reader (a long {@code alice sql}) and then failed the whole
   * watch. It waits as long as the reader holds the cache, then commits.
   */
  @Test
  void aReaderHoldingTheCacheForLongDoesNotKillTheWatch() throws Exception {
    Path inbox = Files.createDirectories(work.resolve("inbox"));
    Path cache = work.resolve("cache/alice.duckdb");
    WatchPipeline.Running watch = start(inbox, cache);
    try {
      Process reader = HoldCache.start(cache, 600, work);
      try {
        Path file = drop(HardeningCorpus.originals().get(0), inbox);
        Thread.sleep(25_000); // longer than a batch used to wait
        assertThat(watch.state()).isEqualTo(PipelineResult.State.RUNNING);
        reader.destroy();
        assertThat(reader.waitFor(30, TimeUnit.SECONDS)).isTrue();
        awaitPaths(watch, cache, Set.of(file.toString()));
      } finally {
        reader.destroyForcibly();
      }
    } finally {
      watch.stop(Duration.ofSeconds(30));
    }
  }

  /** Regression: the watch listed a file once per trip around a link loop (41 locations for one file). */
  @Test
  void symlinkLoopsUnderAWatchedFolderListEachFileOnce() throws Exception {
    Path inbox = work.resolve("inbox");
    Set<String> files = new TreeSet<>();
    for (Path copy : HardeningCorpus.copyInto(inbox.resolve("a/b")).subList(0, 6)) {
      files.add(copy.toString());
    }
    try (var all = Files.list(inbox.resolve("a/b"))) {
      for (Path p : all.toList()) {
        if (!files.contains(p.toString())) {
          Files.delete(p);
        }
      }
    }
    Files.createSymbolicLink(inbox.resolve("a/b/up"), inbox);          // a loop through an ancestor
    Files.createSymbolicLink(inbox.resolve("a/self"), Path.of("."));   // a loop onto itself
    Path cache = work.resolve("cache/alice.duckdb");
    WatchPipeline.Running watch = start(inbox, cache);
    try {
      Thread.sleep(3000); // several polls
      awaitPaths(watch, cache, files);
    } finally {
      watch.stop(Duration.ofSeconds(30));
    }
  }

  private static WatchPipeline.Running start(Path inbox, Path cache) throws Exception {
    return WatchPipeline.start(new WatchConfig(List.of(inbox.toString()), cache, Duration.ofMillis(200), false),
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
  }

  /** Copies a file in under a temporary name and renames it into place, as a careful producer does. */
  private static Path drop(Path original, Path inbox) throws Exception {
    Path target = inbox.resolve(original.getParent().getFileName() + "-" + original.getFileName());
    Path temp = inbox.resolve(".incoming");
    Files.copy(original, temp, StandardCopyOption.REPLACE_EXISTING);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  /** Waits until the child rebuild holds the cache's lock (it takes it before its pipeline runs). */
  private static void awaitLockOf(Path cache, Process rebuild) throws Exception {
    Path lock = cache.resolveSibling("." + cache.getFileName() + ".lock");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!Files.exists(lock)) {
      assertThat(rebuild.isAlive()).as("the rebuild ended before taking its lock").isTrue();
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** Waits until the cache's rows (locations and errors) at the watched paths are exactly {@code expected}. */
  private static void awaitPaths(WatchPipeline.Running watch, Path cache, Set<String> expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    Set<String> last = null;
    String under = expected.iterator().next();
    String inbox = under.substring(0, under.indexOf("/inbox/") + "/inbox/".length());
    while (System.nanoTime() < deadline) {
      assertThat(watch.state()).as("the watch ended by itself").isEqualTo(PipelineResult.State.RUNNING);
      try {
        last = new TreeSet<>(HostileInputTest.column(cache, "SELECT path FROM locations UNION ALL"
            + " SELECT path FROM errors"));
        last.removeIf(p -> !p.startsWith(inbox));
        if (last.equals(expected)) {
          Thread.sleep(1000); // and it stays so (no late bogus paths)
          last = new TreeSet<>(HostileInputTest.column(cache, "SELECT path FROM locations UNION ALL"
              + " SELECT path FROM errors"));
          last.removeIf(p -> !p.startsWith(inbox));
          if (last.equals(expected)) {
            return;
          }
        }
      } catch (SQLException busy) {
        // a batch is being written
      }
      Thread.sleep(200);
    }
    assertThat(last).isEqualTo(expected);
  }
}
