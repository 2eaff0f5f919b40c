package ai.alicemultiverse.search;

import ai.alicemultiverse.cache.CacheLoader;
import ai.alicemultiverse.cache.RunInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The search figures: writes a synthetic Parquet hand-off of {@code n} assets in the pipeline's
 * layout (straight from DuckDB SQL), loads it with the real {@link CacheLoader}, then times tag,
 * text and combined queries through {@link CacheSearch}, the code the CLI uses.
 *
 * <p>Tag values per category and words follow a Zipf-like (log-uniform) distribution, as real
 * libraries do: a few styles and moods are everywhere, most are rare.
 */
public final class SearchBench {
  static final String[] CATEGORIES = {"style", "mood", "subject", "colors", "technique"};
  static final int VALUES_PER_CATEGORY = 200;
  static final int VOCABULARY = 5000;
  static final String[] COMMON_WORDS = {
    "portrait", "neon", "city", "street", "night", "forest", "mountain", "ocean", "cat", "dog", "woman", "man",
    "robot", "castle", "dragon", "car", "rain", "light", "shadow", "sunset", "cyberpunk", "watercolor", "oil",
    "painting", "photo", "cinematic", "dark", "bright", "colorful", "vintage", "futuristic", "landscape", "sky",
    "cloud", "river", "flower", "garden", "house", "window", "mirror", "glass", "metal", "gold", "silver",
    "red", "blue", "green", "purple", "orange", "black", "white", "old", "young", "smiling", "running", "flying"
  };

  private SearchBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("alice-bench");
    run(n, dir, args.length > 2 ? Integer.parseInt(args[2]) : 50, System.out);
  }

  public static void run(int n, Path dir, int rounds, PrintStream out) throws IOException, SQLException {
    Files.createDirectories(dir);
    Path parquet = dir.resolve("assets.parquet");
    Path cache = dir.resolve("bench.duckdb");
    if (n > 0) {
      load(n, parquet, cache, out);
    }
    query(cache, rounds, out);
  }

  private static void load(int n, Path parquet, Path cache, PrintStream out) throws IOException, SQLException {
    long t0 = System.nanoTime();
    writeParquet(n, parquet);
    out.printf("synthetic Parquet: %,d assets in %.1f s (%,d bytes)%n", n, secs(t0), Files.size(parquet));
    long t1 = System.nanoTime();
    long cpu = cpuNanos();
    Instant now = Instant.now();
    CacheLoader.rebuild(cache, List.of(parquet), List.of(),
        new RunInfo("bench", now, now, List.of(parquet.getParent().toString()), "bench", n, n, n, 0));
    out.printf("load into DuckDB (assets, locations, tags, search index): %.1f s, %.1f s CPU (cache %,d bytes)"
        + "  [load average %s]%n", secs(t1), (cpuNanos() - cpu) / 1e9, Files.size(cache), loadAverage());
  }

  /** Times queries against an existing cache (n = 0 skips the build and reuses bench.duckdb). */
  private static void query(Path cache, int rounds, PrintStream out) throws IOException, SQLException {
    Random random = new Random(42);
    try (CacheSearch search = CacheSearch.open(cache)) {
      IntFunction<SearchQuery> tag = i -> SearchQuery.builder()
          .tag("style:" + value("style", zipf(random, VALUES_PER_CATEGORY)))
          .tag("mood:" + value("mood", zipf(random, VALUES_PER_CATEGORY))).build();
      IntFunction<SearchQuery> text = i -> SearchQuery.builder()
          .text(word(zipf(random, 60)) + " " + word(zipf(random, VOCABULARY))).build();
      IntFunction<SearchQuery> combined = i -> SearchQuery.builder()
          .tag("style:" + value("style", zipf(random, VALUES_PER_CATEGORY)))
          .text(word(zipf(random, 60)) + " " + word(zipf(random, 60)))
          .mediaType("image").build();
      IntFunction<SearchQuery> oneTag = i -> SearchQuery.builder()
          .tag(value("subject", zipf(random, VALUES_PER_CATEGORY))).build();
      time(out, "tag (style:X AND mood:Y, 50 rows)", search, tag, rounds);
      time(out, "tag (one bare value, 50 rows)", search, oneTag, rounds);
      time(out, "text (two words, BM25 + phrase, 50 rows)", search, text, rounds);
      time(out, "combined (tag + text + --type image)", search, combined, rounds);
    }
  }

  private static void time(PrintStream out, String name, CacheSearch search, IntFunction<SearchQuery> queries,
      int rounds) throws SQLException {
    for (int i = 0; i < 5; i++) {
      search.search(queries.apply(i)); // warm up: first reads of each column come from disk
    }
    double[] ms = new double[rounds];
    long hits = 0;
    for (int i = 0; i < rounds; i++) {
      SearchQuery q = queries.apply(i);
      long start = System.nanoTime();
      hits += search.search(q).total();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    out.printf("%-45s p50 %6.1f ms  p95 %6.1f ms  (mean matches %,d)  [load average %s]%n", name, ms[rounds / 2],
        ms[(int) Math.ceil(rounds * 0.95) - 1], hits / rounds, loadAverage());
  }

  /**
   * The machine's one-minute load average: other work on a shared machine slows every figure, so
   * each is printed with it.
   */
  static String loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format("%.1f", load);
  }

  /** CPU time of this process, DuckDB's native threads included; -1 where the JVM cannot tell. */
  static long cpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  static String value(String category, int rank) {
    return category + "-" + rank;
  }

  static String word(int rank) {
    return rank < COMMON_WORDS.length ? COMMON_WORDS[rank] : "w" + rank;
  }

  /** A rank in 0..size-1, log-uniform: rank r has probability about 1/(r+1). */
  static int zipf(Random random, int size) {
    return (int) Math.floor(Math.pow(size + 1, random.nextDouble())) - 1;
  }

  private static double secs(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  static void writeParquet(int n, Path parquet) throws SQLException, IOException {
    Files.deleteIfExists(parquet);
    String zipfValue = "floor(pow(" + (VALUES_PER_CATEGORY + 1) + ", random()))::INT - 1";
    String zipfWord = "floor(pow(" + (VOCABULARY + 1) + ", random()))::INT - 1";
    List<String> common = new ArrayList<>();
    for (String w : COMMON_WORDS) {
      common.add("'" + w + "'");
    }
    String words = "list_transform(list_transform(range(%d), x -> " + zipfWord + "), r -> CASE WHEN r < "
        + COMMON_WORDS.length + " THEN [" + String.join(", ", common) + "][r + 1] ELSE 'w' || r END)";
    List<String> tagStructs = new ArrayList<>();
    for (String category : CATEGORIES) {
      tagStructs.add("{'category': '" + category + "', 'value': '" + category + "-' || (" + zipfValue + ")}");
    }
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
      sql.execute("SELECT setseed(0.42)");
      sql.execute("CREATE TABLE v AS SELECT range AS i,"
          + " array_to_string(" + String.format(words, 8) + ", ' ') AS description,"
          + " array_to_string(" + String.format(words, 14) + ", ' ') AS prompt,"
          + " [" + String.join(", ", tagStructs) + "][1:(3 + i % 3)] AS tags"
          + " FROM range(" + n + ")");
      sql.execute("COPY (SELECT 'sha256:' || sha256(i::VARCHAR) AS content_hash,"
          + " CASE WHEN i % 10 < 8 THEN 'image' WHEN i % 10 = 8 THEN 'video' ELSE 'audio' END AS media_type,"
          + " CASE WHEN i % 10 < 5 THEN 'png' WHEN i % 10 < 8 THEN 'jpeg' WHEN i % 10 = 8 THEN 'mp4' ELSE 'mp3' END"
          + "   AS format,"
          + " CASE WHEN i % 10 < 5 THEN 'image/png' WHEN i % 10 < 8 THEN 'image/jpeg' WHEN i % 10 = 8"
          + "   THEN 'video/mp4' ELSE 'audio/mpeg' END AS mime,"
          + " (10000 + hash(i) % 20000000)::BIGINT AS size_bytes,"
          + " description, NULL::VARCHAR AS generated_prompt,"
          + " ['midjourney', 'dalle', 'flux', 'stable-diffusion', 'runway', 'suno'][1 + (hash(i * 7) % 6)::INT]"
          + "   AS provider,"
          + " 'model-' || (hash(i * 13) % 12) AS model, prompt,"
          + " strftime(TIMESTAMP '2023-01-01' + to_seconds((hash(i * 3) % 90000000)::BIGINT),"
          + "   '%Y-%m-%dT%H:%M:%SZ') AS generated_at,"
          + " '2026-01-01T00:00:00Z' AS processed_at, 1 AS metadata_version, '{}' AS metadata_json,"
          + " false AS metadata_conflict,"
          // standard metadata as the extractor writes it: dimensions for images and video, durations
          // for video and audio
          + " CASE WHEN i % 10 < 9 THEN 512 + 64 * (i % 25) END::INTEGER AS width,"
          + " CASE WHEN i % 10 < 9 THEN 512 + 64 * (i % 17) END::INTEGER AS height,"
          + " CASE WHEN i % 10 >= 8 THEN (1 + i % 600)::DOUBLE END AS duration_seconds,"
          + " NULL::VARCHAR AS video_codec, NULL::VARCHAR AS audio_codec, NULL::INTEGER AS sample_rate,"
          + " NULL::INTEGER AS channels, NULL::VARCHAR AS camera, NULL::VARCHAR AS software,"
          + " NULL::VARCHAR AS created_at, NULL::VARCHAR AS standard_json,"
          + " [{'path': '/archive/' || (i % 1000) || '/' || i || '.png', 'storage_type': 'local',"
          + "   'last_verified': '2026-01-01T00:00:00Z', 'metadata_version': 1, 'size_bytes': 1000::BIGINT,"
          + "   'last_modified_ms': 1700000000000::BIGINT, 'hash_source': 'embedded', 'has_metadata': true}]"
          + "   || CASE WHEN i % 7 = 0 THEN [{'path': 's3://backup/' || i || '.png', 'storage_type': 's3',"
          + "   'last_verified': '2026-01-01T00:00:00Z', 'metadata_version': 1, 'size_bytes': 1000::BIGINT,"
          + "   'last_modified_ms': 1700000000000::BIGINT, 'hash_source': 'embedded', 'has_metadata': true}]"
          + "   ELSE [] END AS locations,"
          + " tags"
          + " FROM v) TO '" + parquet.toAbsolutePath().toString().replace("'", "''")
          + "' (FORMAT parquet, COMPRESSION zstd)");
    }
  }
}
