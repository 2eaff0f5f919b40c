package ai.alicemultiverse.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.cache.WatchUpsert;
import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.extract.StandardMetadata;
import ai.alicemultiverse.extract.TikaExtractor;
import ai.alicemultiverse.media.Inspection;
import ai.alicemultiverse.media.MediaInspector;
import ai.alicemultiverse.media.MetadataEmbedder;
import ai.alicemultiverse.model.FileError;
import ai.alicemultiverse.model.MediaRecord;
import ai.alicemultiverse.search.CacheSearch;
import ai.alicemultiverse.search.SearchQuery;
import java.io.IOException;
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

  @Test
  void searchFindsWatchedFilesWithTheirPixelSize(@TempDir Path work) throws Exception {
    Path inbox = Files.createDirectories(work.resolve("inbox"));
    Path cache = work.resolve("alice.duckdb");
    // Described and tagged before it arrives, as a tool that writes alice's metadata would leave it.
    Path staged = work.resolve("lighthouse.png");
    Files.copy(Samples.dir().resolve("inbox/pattern.png"), staged);
    String hash = MetadataEmbedder.embed(staged, m -> m.toBuilder()
        .description("A lighthouse beam across the harbour fog").addTag("mood", "watchful").build()).contentHash();

    WatchPipeline.Running watch = WatchPipeline.start(
        new WatchConfig(List.of(inbox.toString()), cache, Duration.ofMillis(500), false),
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    Path dropped = inbox.resolve("lighthouse.png");
    try {
      Files.move(staged, dropped, StandardCopyOption.ATOMIC_MOVE);
        awaitSearch(watch, cache, SearchQuery.builder().tag("mood:watchful").build(), hash, dropped);
      awaitSearch(watch, cache, SearchQuery.builder().text("lighthouse fog").build(), hash, dropped);
      assertThat(CacheRows.query(cache, "SELECT width, height, mime FROM assets WHERE content_hash = '" + hash + "'"))
          .containsExactly(List.of("128", "128", "image/png"));
      assertThat(CacheRows.query(cache, "SELECT width, height FROM search_assets"))
          .containsExactly(List.of("128", "128"));
    } finally {
      watch.stop(Duration.ofSeconds(30));
    }
  }

  /** Every committed batch is searchable at once: its assets' search rows are updated with it. */
  @Test
  void eachBatchIsSearchableOnceCommitted(@TempDir Path work) throws Exception {
    Path cache = work.resolve("alice.duckdb");
    WatchUpsert writer = new WatchUpsert(cache);
    writer.ensureCache(List.of(Samples.dir().toString()));
    MediaRecord neon = record(Samples.dir().resolve("renders/neon-alley.png"));
    MediaRecord pattern = record(Samples.dir().resolve("inbox/pattern.png"));
    MediaRecord sunset = record(Samples.dir().resolve("renders/sunset-harbor.jpg"));

    assertThat(writer.write(List.of(neon), List.of())).isTrue();
    assertThat(searchedPaths(cache)).containsExactly(neon.path());
    writer.write(List.of(pattern), List.of());
    assertThat(searchedPaths(cache)).containsExactlyInAnyOrder(neon.path(), pattern.path());
    assertThat(CacheRows.single(cache, "SELECT count(*) FROM assets")).isEqualTo("2");

    // the file at neon's path is now unreadable: its asset leaves the search with its last copy
    writer.write(List.of(), List.of(new FileError(neon.path(), "extract", "truncated", "2026-01-01T00:00:00Z")));
    assertThat(searchedPaths(cache)).containsExactly(pattern.path());

    writer.write(List.of(sunset, neon), List.of());
    assertThat(searchedPaths(cache)).containsExactlyInAnyOrder(neon.path(), pattern.path(), sunset.path());
    assertThat(CacheRows.query(cache, "SELECT width, height FROM search_assets WHERE content_hash = '"
        + sunset.contentHash() + "'")).containsExactly(List.of(String.valueOf(sunset.standard().width()),
            String.valueOf(sunset.standard().height())));
    writer.stop();
    assertThat(writer.write(List.of(neon), List.of())).isFalse();
  }

  /** The record the watch's extract step makes of a file. */
  static MediaRecord record(Path file) throws IOException {
    try (MediaSource source = ChannelMediaSource.open(file)) {
      Inspection seen = MediaInspector.inspect(source, true);
      StandardMetadata standard = TikaExtractor.extract(source, seen.format()).metadata();
      assertThat(standard.width()).as("%s width", file).isNotNull();
      return new MediaRecord(seen.contentHash(), file.toString(), "local", seen.format().name().toLowerCase(),
          seen.format().mediaType(), seen.format().mime(), Files.size(file), Files.getLastModifiedTime(file).toMillis(),
          seen.hashSource().name().toLowerCase(), seen.metadata() == null ? null : seen.metadata().toJson(),
          seen.metadata() == null ? null : seen.metadata().metadataVersion(),
          seen.metadata() == null ? null : seen.metadata().processedAt(), "2026-01-01T00:00:00Z", standard);
    }
  }

  private static List<String> searchedPaths(Path cache) throws Exception {
    try (CacheSearch search = CacheSearch.open(cache)) {
      return search.search(SearchQuery.builder().build()).hits().stream().map(h -> h.bestLocation()).toList();
    }
  }

  /** Polls the search until {@code query} finds exactly the one asset, at {@code path}. */
  static void awaitSearch(WatchPipeline.Running watch, Path cache, SearchQuery query, String hash, Path path)
      throws Exception {
    long deadline = System.nanoTime() + GENEROUS.toNanos();
    List<String> last = null;
    while (System.nanoTime() < deadline) {
      if (watch.state().isTerminal()) {
        watch.awaitTermination();
        throw new AssertionError("the watch ended by itself: " + watch.state());
      }
      try (CacheSearch search = CacheSearch.open(cache)) {
        last = search.search(query).hits().stream().map(h -> h.contentHash() + " " + h.bestLocation()).toList();
        if (last.equals(List.of(hash + " " + path))) {
          return;
        }
      } catch (IOException | SQLException busy) {
        // the watch is writing a batch right now
      }
      Thread.sleep(200);
    }
    assertThat(last).as("hits for %s after %s", query, GENEROUS).containsExactly(hash + " " + path);
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
