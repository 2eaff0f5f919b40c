package ai.alicemultiverse.bench;

import ai.alicemultiverse.beam.ParquetSchemas;
import ai.alicemultiverse.beam.ToAvro;
import ai.alicemultiverse.cache.CacheLoader;
import ai.alicemultiverse.cache.LoadSteps;
import ai.alicemultiverse.cache.RunInfo;
import ai.alicemultiverse.extract.StandardMetadata;
import ai.alicemultiverse.model.AssetRecord;
import ai.alicemultiverse.model.MediaRecord;
import ai.alicemultiverse.search.CacheFiles;
import ai.alicemultiverse.search.CacheReports;
import ai.alicemultiverse.search.CacheSearch;
import ai.alicemultiverse.search.SearchQuery;
import ai.alicemultiverse.xmp.AliceMetadata;
import ai.alicemultiverse.xmp.Generation;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The search figures: writes a synthetic Parquet hand-off of {@code n} assets through the
 * pipeline's own row mapping ({@link ToAvro}) and Parquet sink, loads it with the real
 * {@link CacheLoader}, then times tag,
 * text and combined queries through {@link CacheSearch}, the code the CLI uses.
 *
 * <p>Tag values per category and words follow a Zipf-like (log-uniform) distribution, as real
 * libraries do: a few styles and moods are everywhere, most are rare. The cache's tests write the same
 * library through DuckDB alone ({@code SyntheticLibrary} in transforms/cache's test sources).
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
    Path cache = dir.resolve("bench.duckdb");
    if (n > 0) {
      load(n, dir, cache, out);
    }
    query(cache, rounds, out);
  }

  private static void load(int n, Path dir, Path cache, PrintStream out) throws IOException, SQLException {
    long t0 = System.nanoTime();
    List<Path> shards = writeParquet(n, dir);
    long bytes = 0;
    for (Path shard : shards) {
      bytes += Files.size(shard);
    }
    out.printf("synthetic Parquet (ToAvro, %d shards): %,d assets in %.1f s (%,d bytes)%n", shards.size(), n,
        secs(t0), bytes);
    long t1 = System.nanoTime();
    long cpu = cpuNanos();
    Instant now = Instant.now();
    List<LoadSteps.Step> steps = CacheLoader.rebuildTimed(cache, shards, List.of(),
        new RunInfo("bench-" + java.util.UUID.randomUUID(), now, now, List.of(dir.toString()), "bench", n, n, n, 0));
    out.printf("load into DuckDB (assets, locations, tags, search index): %.1f s, %.1f s CPU (cache %,d bytes)"
        + "  [load average %s]%n", secs(t1), (cpuNanos() - cpu) / 1e9, Files.size(cache), loadAverage());
    for (LoadSteps.Step step : steps) {
      if (step.seconds() >= 0.05) {
        out.printf("  %-45s %6.2f s  %6.2f s CPU%n", step.name(), step.seconds(), step.cpuSeconds());
      }
    }
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
    lookups(cache, rounds, out);
  }

  /**
   * What {@code alice show HASH} and the watcher's upserts do: every row of one asset found by its
   * content hash (the asset, its tags, its locations), for hashes spread over the whole cache.
   */
  private static void lookups(Path cache, int rounds, PrintStream out) throws IOException, SQLException {
    List<String> hashes = new ArrayList<>();
    try (java.sql.Connection db = CacheFiles.openReadOnly(cache); java.sql.Statement sql = db.createStatement();
        java.sql.ResultSet rows = sql.executeQuery("SELECT content_hash FROM assets USING SAMPLE "
            + (rounds + 5) + " ROWS (reservoir, 42)")) {
      while (rows.next()) {
        hashes.add(rows.getString(1));
      }
    }
    if (hashes.isEmpty()) {
      return;
    }
    try (java.sql.Connection db = CacheFiles.openReadOnly(cache)) {
      CacheReports reports = new CacheReports(db);
      int count = Math.min(rounds, hashes.size() - 5);
      for (int i = 0; i < 5 && i < hashes.size(); i++) {
        show(reports, hashes.get(i)); // warm up
      }
      double[] ms = new double[Math.max(count, 1)];
      for (int i = 0; i < count; i++) {
        long start = System.nanoTime();
        if (show(reports, hashes.get(5 + i)).isEmpty()) {
          throw new IllegalStateException(hashes.get(5 + i) + " is in assets but show found nothing");
        }
        ms[i] = (System.nanoTime() - start) / 1e6;
      }
      Arrays.sort(ms);
      out.printf("%-45s p50 %6.1f ms  p95 %6.1f ms  [load average %s]%n", "point lookup by hash (show: asset, tags,"
          + " locations)", ms[count / 2], ms[(int) Math.ceil(count * 0.95) - 1], loadAverage());
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

  /** What {@code alice show HASH} reads: the hash resolved (it may be a prefix), then its rows. */
  private static java.util.Optional<CacheReports.Asset> show(CacheReports reports, String hash) throws SQLException {
    return reports.resolveHash(hash).flatMap(h -> {
      try {
        return reports.asset(h);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
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

  /**
   * Writes {@code n} synthetic assets as the pipeline does: each one an {@link AssetRecord} with
   * embedded-metadata JSON, turned into a row by {@link ToAvro#asset} (term lists included) and
   * written by the pipeline's Parquet sink, in {@code SHARDS} shards written side by side.
   */
  static List<Path> writeParquet(int n, Path dir) throws IOException {
    List<Path> shards = new ArrayList<>();
    for (int s = 0; s < SHARDS; s++) {
      shards.add(dir.resolve(String.format("assets-%05d-of-%05d.parquet", s, SHARDS)));
    }
    List<Thread> writers = new ArrayList<>();
    List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int s = 0; s < SHARDS; s++) {
      int shard = s;
      Thread writer = new Thread(() -> {
        try {
          writeShard(n, shard, shards.get(shard));
        } catch (IOException | RuntimeException e) {
          failures.add(e);
        }
      });
      writer.start();
      writers.add(writer);
    }
    for (Thread writer : writers) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while writing the synthetic Parquet", e);
      }
    }
    if (!failures.isEmpty()) {
      throw new IOException("could not write the synthetic Parquet: " + failures.get(0).getMessage(), failures.get(0));
    }
    return shards;
  }

  static final int SHARDS = 2;

  private static void writeShard(int n, int shard, Path file) throws IOException {
    Files.deleteIfExists(file);
    Random random = new Random(42 + shard);
    ParquetIO.Sink sink = ParquetIO.sink(ParquetSchemas.ASSET).withCompressionCodec(CompressionCodecName.ZSTD);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      sink.open(channel);
      for (int i = shard; i < n; i += SHARDS) {
        sink.write(ToAvro.asset(asset(i, random)));
      }
      sink.flush();
    }
  }

  private static final String[] PROVIDERS = {"midjourney", "dalle", "flux", "stable-diffusion", "runway", "suno"};

  /** Asset {@code i}: 80% images, 10% video, 10% audio; one in seven also has a copy in S3. */
  static AssetRecord asset(int i, Random random) {
    int kind = i % 10;
    String mediaType = kind < 8 ? "image" : kind == 8 ? "video" : "audio";
    String format = kind < 5 ? "png" : kind < 8 ? "jpeg" : kind == 8 ? "mp4" : "mp3";
    String mime = kind < 5 ? "image/png" : kind < 8 ? "image/jpeg" : kind == 8 ? "video/mp4" : "audio/mpeg";
    String hash = "sha256:" + sha256(Integer.toString(i));
    AliceMetadata.Builder metadata = AliceMetadata.builder()
        .contentHash(hash)
        .description(words(random, 8))
        .processedAt(PROCESSED_AT)
        .metadataVersion(1)
        .generation(new Generation(PROVIDERS[Math.floorMod(mix(i * 7L), PROVIDERS.length)],
            "model-" + Math.floorMod(mix(i * 13L), 12), words(random, 14), null, null, null,
            Instant.parse("2023-01-01T00:00:00Z").plusSeconds(Math.floorMod(mix(i * 3L), 90_000_000)).toString()));
    for (int c = 0; c < 3 + i % 3; c++) {
      metadata.addTag(CATEGORIES[c], value(CATEGORIES[c], zipf(random, VALUES_PER_CATEGORY)));
    }
    String json = metadata.build().toJson();
    long size = 10_000 + Math.floorMod(mix(i), 20_000_000);
    List<MediaRecord> locations = new ArrayList<>();
    locations.add(location(hash, "/archive/" + (i % 1000) + "/" + i + "." + format, "local", format, mediaType,
        mime, size, json));
    if (i % 7 == 0) {
      locations.add(location(hash, "s3://backup/" + i + "." + format, "s3", format, mediaType, mime, size, json));
    }
    StandardMetadata standard = new StandardMetadata(mime, kind < 9 ? 512 + 64 * (i % 25) : null,
        kind < 9 ? 512 + 64 * (i % 17) : null, kind >= 8 ? (double) (1 + i % 600) : null,
        null, null, null, null, null, null, null, null, null);
    return new AssetRecord(hash, format, mediaType, mime, size, json, 1, PROCESSED_AT, false, locations, standard);
  }

  private static final String PROCESSED_AT = "2026-01-01T00:00:00Z";

  private static MediaRecord location(String hash, String path, String storage, String format, String mediaType,
      String mime, long size, String json) {
    return new MediaRecord(hash, path, storage, format, mediaType, mime, size, 1_700_000_000_000L, "embedded", json,
        1, PROCESSED_AT, PROCESSED_AT);
  }

  private static String words(Random random, int count) {
    StringBuilder text = new StringBuilder();
    for (int w = 0; w < count; w++) {
      text.append(w == 0 ? "" : " ").append(word(zipf(random, VOCABULARY)));
    }
    return text.toString();
  }

  /** A fixed scramble of {@code x} (splitmix64's finaliser), for per-asset values that look random. */
  private static long mix(long x) {
    x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
    x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
    return x ^ (x >>> 31);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
