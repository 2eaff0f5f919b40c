package ai.alicemultiverse.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.media.MediaInspector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real streaming watch on the DirectRunner over a temp folder, writing a real DuckDB file. */
class WatchPipelineTest {
  static final Duration GENEROUS = Duration.ofSeconds(60);

  @Test
  void picksUpDroppedFilesAndStopsCleanly(@TempDir Path work) throws Exception {
    Path inbox = Files.createDirectories(work.resolve("inbox"));
    Path cache = work.resolve("alice.duckdb");
    Path sample = Samples.dir().resolve("renders/neon-alley.png");
    String hash;
    try (MediaSource source = ChannelMediaSource.open(sample)) {
      hash = MediaInspector.inspect(source, true).contentHash();
    }

    WatchPipeline.Running watch = WatchPipeline.start(
        new WatchConfig(List.of(inbox.toString()), cache, Duration.ofMillis(500), false),
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    try {
      assertThat(cache).isRegularFile(); // created empty, so readers can open it at once
      // Copied under a temporary name and renamed, as a careful producer does: the watch sees whole files.
      Path first = inbox.resolve("first.png");
      Files.copy(sample, inbox.resolve(".incoming"), StandardCopyOption.COPY_ATTRIBUTES);
      Files.move(inbox.resolve(".incoming"), first, StandardCopyOption.ATOMIC_MOVE);
      String firstRow = "SELECT content_hash, location_count FROM assets";
      awaitRows(watch, cache, firstRow, List.of(List.of(hash, "1")));

      // A second copy of the same media in a new subfolder: one asset, two locations.
      Path second = Files.createDirectories(inbox.resolve("later")).resolve("second.png");
      Files.copy(sample, second);
      awaitRows(watch, cache, "SELECT content_hash, location_count, list_sort(list_transform(locations, l -> l.path))::VARCHAR"
          + " FROM assets", List.of(List.of(hash, "2", "[" + first + ", " + second + "]")));
      assertThat(CacheRows.query(cache, "SELECT path FROM locations ORDER BY path"))
          .containsExactly(List.of(first.toString()), List.of(second.toString()));
    } finally {
      watch.stop(Duration.ofSeconds(30));
    }
    assertThat(watch.awaitTermination().isTerminal()).isTrue();
    assertThat(watch.awaitTermination()).isEqualTo(PipelineResult.State.CANCELLED);
    assertThat(watch.committed()).isGreaterThanOrEqualTo(2);
    // Stopped means stopped: a file dropped now is not written (a restarted watch would find it).
    Files.copy(Samples.dir().resolve("inbox/pattern.png"), inbox.resolve("after-stop.png"));
    Thread.sleep(1500);
    assertThat(CacheRows.single(cache, "SELECT count(*) FROM locations")).isEqualTo("2");
  }

  /** Polls with read-only connections; the watch holds the file only while it writes a batch. */
  static void awaitRows(WatchPipeline.Running watch, Path cache, String sql, List<List<String>> expected) throws Exception {
    long deadline = System.nanoTime() + GENEROUS.toNanos();
    List<List<String>> last = null;
    while (System.nanoTime() < deadline) {
      if (watch.state().isTerminal()) {
        watch.awaitTermination(); // throws the step's failure
        throw new AssertionError("the watch ended by itself: " + watch.state());
      }
      try {
        last = CacheRows.query(cache, sql);
        if (last.equals(expected)) {
          return;
        }
      } catch (SQLException busy) {
        // the watch is writing a batch right now
      }
      Thread.sleep(200);
    }
    assertThat(last).as("cache rows after %s", GENEROUS).isEqualTo(expected);
  }

}
