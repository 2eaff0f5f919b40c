package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.media.Inspection;
import ai.alicemultiverse.media.MediaInspector;
import ai.alicemultiverse.xmp.AliceMetadata;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash campaign for {@code alice ingest}: a real child JVM ingesting a batch of every format into a real
 * DuckDB cache is killed with SIGKILL at random moments. After every kill each file is its previous version
 * byte for byte or the complete new one (parses, same content hash, embedded and stamped processed), and
 * the cache opens with every row readable and is either the previous cache or the complete new one (the run
 * recorded, each asset's metadata the one now in its file). The next run leaves no temp, lock or half-written
 * run folder behind.
 *
 * <p>Short: 6 kills. Full ({@code -Pcampaigns}): 200 kills, with a 32 MB WAV and a 25 MB TIFF in the batch;
 * or {@code -Dalice.campaign.ingestKills=N}. A third of the kills strike 0–40 ms after a file's temp appears,
 * a third 0–600 ms after the cache's lock appears (the in-place update), a third at a random moment of a run.
 */
class CrashDuringIngestTest {
  private static final long STALE_MILLIS = 5_500; // SafeFileWriter.STALE_AFTER plus a margin
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void killedIngestRunsLeaveEveryFileWholeAndTheCacheOldOrNew() throws Exception {
    int kills = Campaign.size("ingestKills", 6, 200);
    SplittableRandom random = new SplittableRandom(Campaign.seed());
    Path batch = work.resolve("batch");
    List<Path> files = new ArrayList<>(HardeningCorpus.copyInto(batch));
    if (Campaign.full()) {
      files.add(BigMedia.wav(batch.resolve("big.wav"), 32 << 20, 1));
      files.add(BigMedia.tiff(batch.resolve("big.tif"), 5000, 2));
    }
    Map<Path, String> identity = new LinkedHashMap<>();
    Path pristine = Files.createDirectories(work.resolve("pristine"));
    for (Path file : files) {
      identity.put(file, hashOrNull(file));
      Files.copy(file, pristine.resolve(file.getFileName()));
    }
    Path cache = work.resolve("cache/alice.duckdb");
    Path cacheLock = cache.resolveSibling(".alice.duckdb.lock");

    long runStarted = System.nanoTime();
    Process first = ingest(batch, cache, "r0");
    assertThat(first.waitFor(5, TimeUnit.MINUTES)).isTrue();
    long fullRunMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - runStarted);
    assertThat(first.exitValue()).as(log("r0")).isEqualTo(1); // the damaged sample only
    CacheState state = CacheState.read(cache);
    assertThat(state.locations()).hasSize((int) identity.values().stream().filter(h -> h != null).count());

    int runs = 0;
    int killedAlive = 0;
    int midWrite = 0;
    int cacheOld = 0;
    int cacheNew = 0;
    long filesOld = 0;
    long filesNew = 0;
    List<String> failures = new ArrayList<>();
    for (int round = 1; round <= kills; round++) {
      // Ingest leaves an ingested file alone, so most files go back to never-ingested: each run writes.
      for (Path file : files) {
        if (random.nextInt(4) > 0) {
          restore(pristine, file);
        }
      }
      Map<Path, String> before = new HashMap<>();
      for (Path file : files) {
        before.put(file, CrashDuringWriteTest.digest(file));
      }
      Process child = ingest(batch, cache, "r" + round);
      switch (round % 3) {
        case 1 -> {
          awaitNew(() -> CrashDuringWriteTest.leftovers(batch).stream().anyMatch(CrashDuringWriteTest::isTemp), child);
          Thread.sleep(random.nextInt(41));
        }
        case 2 -> {
          awaitNew(() -> Files.exists(cacheLock), child);
          Thread.sleep(random.nextInt(601)); // the update takes a few hundred ms: before, during and after its commit
        }
        default -> Thread.sleep(random.nextLong(fullRunMillis + 1));
      }
      boolean alive = child.isAlive();
      midWrite += CrashDuringWriteTest.leftovers(batch).stream().anyMatch(CrashDuringWriteTest::isTemp) ? 1 : 0;
      child.destroyForcibly();
      assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
      runs++;
      killedAlive += alive ? 1 : 0;

      for (Path file : files) {
        String problem = checkFile(file, before.get(file), identity.get(file));
        if (problem != null) {
          failures.add("round " + round + ": " + problem);
        } else if (before.get(file).equals(CrashDuringWriteTest.digest(file))) {
          filesOld++;
        } else {
          filesNew++;
        }
      }
      CacheState after;
      try {
        after = CacheState.read(cache);
      } catch (SQLException | RuntimeException e) {
        failures.add("round " + round + ": the cache no longer opens or reads: " + e);
        continue;
      }
      String problem = checkCache(state, after, files);
      if (problem != null) {
        failures.add("round " + round + ": " + problem);
      } else if (after.runs() == state.runs()) {
        cacheOld++;
      } else {
        cacheNew++;
      }
      state = after;
    }

    Thread.sleep(STALE_MILLIS); // temps younger than this are never judged abandoned
    List<String> leftBefore = leftovers(batch, cache.getParent());
    for (Path file : files) {
      restore(pristine, file);
    }
    Process last = ingest(batch, cache, "final");
    assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
    System.out.printf("ingest crash campaign: %d kills (%d while alice ran, %d mid-write), %d files per run,"
            + " %d file checks old, %d new; cache old %d, new %d; %d failures; %d leftovers before the next run%n",
        runs, killedAlive, midWrite, files.size(), filesOld, filesNew, cacheOld, cacheNew, failures.size(),
        leftBefore.size());
    assertThat(failures).isEmpty();
    assertThat(last.exitValue()).as(log("final")).isEqualTo(1);
    assertThat(leftovers(batch, cache.getParent())).isEmpty();
    CacheState end = CacheState.read(cache);
    assertThat(checkCache(state, end, files)).isNull();
    assertThat(end.runs()).as(log("final")).isEqualTo(state.runs() + 1);
    for (Path file : files) { // the last run wrote every readable file
      assertThat(identity.get(file) == null || checkFile(file, "-", identity.get(file)) == null).as(file.toString()).isTrue();
    }
    assertThat(killedAlive).as("kills must strike a running alice").isGreaterThan(kills / 2);
  }

  /** Regression: a first ingest killed right after DuckDB created the file left a cache no later run could use. */
  @Test
  void anIngestCompletesACacheFileThatAKilledFirstRunLeftEmpty() throws Exception {
    Path batch = work.resolve("batch");
    HardeningCorpus.copyInto(batch);
    Path cache = Files.createDirectories(work.resolve("cache")).resolve("alice.duckdb");
    DriverManager.getConnection("jdbc:duckdb:" + cache).close(); // the file exists, no table in it

    Process run = ingest(batch, cache, "empty");
    assertThat(run.waitFor(5, TimeUnit.MINUTES)).isTrue();

    assertThat(run.exitValue()).as(log("empty")).isEqualTo(1); // the damaged sample only
    assertThat(CacheState.read(cache).locations()).hasSize(HardeningCorpus.originals().size() - 1);
  }

  /** What a killed ingest leaves in the history: a half run is removed, a committed one keeps its Parquet. */
  @Test
  void theNextIngestRemovesWhatKilledRunsLeftInTheHistory() throws Exception {
    Path batch = work.resolve("batch");
    HardeningCorpus.copyInto(batch);
    Path cache = work.resolve("cache/alice.duckdb");
    Path ingestDir = Files.createDirectories(work.resolve("cache/alice-parquet/ingest"));
    Path half = Files.createDirectories(ingestDir.resolve("run-20260101T000000Z-0000dead/assets/.temp-beam/x"));
    Files.writeString(half.resolve("shard"), "half");
    Files.createFile(ingestDir.resolve(".run-20260101T000000Z-0000dead.lock"));
    Path done = Files.createDirectories(ingestDir.resolve("run-20260101T000001Z-00000d0e/assets"));
    Files.writeString(done.resolve("assets-00000-of-00001.parquet"), "kept");
    Files.createDirectories(done.resolve(".temp-beam/y"));
    Files.createFile(done.getParent().resolve("_SUCCESS"));
    Files.createFile(ingestDir.resolve(".run-20260101T000001Z-00000d0e.lock"));

    Process run = ingest(batch, cache, "history");
    assertThat(run.waitFor(5, TimeUnit.MINUTES)).isTrue();

    assertThat(run.exitValue()).as(log("history")).isEqualTo(1);
    assertThat(ingestDir.resolve("run-20260101T000000Z-0000dead")).doesNotExist();
    assertThat(done.resolve("assets-00000-of-00001.parquet")).hasContent("kept");
    assertThat(leftovers(batch, cache.getParent())).isEmpty();
    try (Stream<Path> runs = Files.list(ingestDir)) {
      assertThat(runs.map(p -> p.getFileName().toString()).toList()).hasSize(2)
          .contains("run-20260101T000001Z-00000d0e");
    }
  }

  /** Puts the never-ingested original back (the copy keeps the file's name; its temps are not touched). */
  private static void restore(Path pristine, Path file) throws IOException {
    Files.copy(pristine.resolve(file.getFileName()), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private Process ingest(Path batch, Path cache, String round) throws IOException {
    return AliceProcess.start(List.of("ingest", batch.toString(), "--cache", cache.toString(),
        "--understand", "offline", "--force"), work.resolve("ingest-" + round + ".log"));
  }

  private String log(String round) throws IOException {
    return Files.readString(work.resolve("ingest-" + round + ".log"));
  }

  @FunctionalInterface
  private interface Condition {
    boolean holds() throws IOException;
  }

  /** Waits until {@code condition} holds, the child ended, or 60 s passed. */
  private static void awaitNew(Condition condition, Process child) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (child.isAlive() && System.nanoTime() < deadline && !condition.holds()) {
      Thread.sleep(1);
    }
  }

  /** Null when {@code file} is its previous version or the complete new one; otherwise what is wrong. */
  private static String checkFile(Path file, String previousDigest, String identity) throws IOException {
    if (previousDigest.equals(CrashDuringWriteTest.digest(file))) {
      return null;
    }
    if (identity == null) {
      return file + ": an unreadable file was changed";
    }
    try (MediaSource source = ChannelMediaSource.open(file)) {
      Inspection seen = MediaInspector.inspect(source, true);
      if (!identity.equals(seen.contentHash()) || seen.hashMismatch()) {
        return file + ": content hash " + seen.contentHash() + ", was " + identity;
      }
      AliceMetadata m = seen.metadata();
      // (the offline provider cannot read 16-bit predictor TIFFs: an error row, and the file is embedded all the same)
      if (m == null || m.processedAt() == null || !identity.equals(m.contentHash())) {
        return file + ": changed but not a complete ingest: " + m;
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return file + ": changed and no longer readable: " + e;
    }
  }

  /**
   * Null when {@code after} is {@code before} (the run never reached the cache) or the complete new cache:
   * the run recorded, the same locations, and each single-copy asset's metadata the one now in its file.
   */
  private static String checkCache(CacheState before, CacheState after, List<Path> files) throws IOException {
    if (!after.locations().equals(before.locations())) {
      return "the cache's locations changed: " + before.locations() + " -> " + after.locations();
    }
    if (after.runs() == before.runs()) {
      return after.metadata().equals(before.metadata()) ? null : "the run is not recorded but the assets changed";
    }
    if (after.runs() != before.runs() + 1) {
      return "runs went from " + before.runs() + " to " + after.runs();
    }
    for (Path file : files) {
      String hash = after.locations().get(file.toString());
      if (hash == null || after.copies().get(hash) > 1) {
        continue;
      }
      try (MediaSource source = ChannelMediaSource.open(file)) {
        AliceMetadata embedded = MediaInspector.inspect(source, false).metadata();
        if (embedded == null || !JSON.readTree(embedded.toJson()).equals(JSON.readTree(after.metadata().get(hash)))) {
          return file + ": the new cache holds other metadata than the file";
        }
      }
    }
    return null;
  }

  /** What a kill may leave and the next run must remove: temps, locks, logs, half-written run folders. */
  static List<String> leftovers(Path batch, Path cacheDir) throws IOException {
    List<String> found = new ArrayList<>(CrashDuringWriteTest.leftovers(batch));
    try (Stream<Path> tree = Files.walk(cacheDir)) {
      for (Path p : tree.toList()) {
        String name = p.getFileName().toString();
        boolean halfRun = name.startsWith("run-") && Files.isDirectory(p)
            && !Files.exists(p.resolve("_SUCCESS"));
        if (name.endsWith(".lock") || name.endsWith(".wal") || name.startsWith(".temp-beam")
            || name.contains(".building-") || halfRun) {
          found.add(cacheDir.relativize(p).toString());
        }
      }
    }
    return found;
  }

  private static String hashOrNull(Path file) {
    try (MediaSource source = ChannelMediaSource.open(file)) {
      return MediaInspector.inspect(source, true).contentHash();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The cache as the next command sees it (opened for writing, so a log is replayed as it would be), every
   * row of every table read.
   */
  private record CacheState(long runs, Map<String, String> locations, Map<String, String> metadata,
      Map<String, Integer> copies) {
    static CacheState read(Path cache) throws SQLException {
      try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + cache);
          Statement sql = db.createStatement()) {
        for (String table : List.of("assets", "locations", "tags", "errors", "runs", "cache_info")) {
          try (ResultSet rows = sql.executeQuery("SELECT * FROM " + table)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
              for (int i = 1; i <= columns; i++) {
                rows.getObject(i);
              }
            }
          }
        }
        long runs;
        try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM runs")) {
          rows.next();
          runs = rows.getLong(1);
        }
        Map<String, String> locations = new TreeMap<>();
        try (ResultSet rows = sql.executeQuery("SELECT path, content_hash FROM locations WHERE state = 'present'")) {
          while (rows.next()) {
            locations.put(rows.getString(1), rows.getString(2));
          }
        }
        Map<String, String> metadata = new TreeMap<>();
        Map<String, Integer> copies = new TreeMap<>();
        try (ResultSet rows = sql.executeQuery("SELECT content_hash, metadata::VARCHAR, location_count FROM assets")) {
          while (rows.next()) {
            metadata.put(rows.getString(1), rows.getString(2));
            copies.put(rows.getString(1), rows.getInt(3));
          }
        }
        // every location belongs to an asset, every asset has its locations
        if (!new TreeSet<>(locations.values()).equals(metadata.keySet())) {
          throw new IllegalStateException("locations and assets disagree: " + locations + " vs " + metadata.keySet());
        }
        return new CacheState(runs, locations, metadata, copies);
      }
    }
  }
}
