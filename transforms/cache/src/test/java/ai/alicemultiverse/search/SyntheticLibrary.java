package ai.alicemultiverse.search;

import ai.alicemultiverse.cache.CacheLoader;
import ai.alicemultiverse.cache.RunInfo;
import ai.alicemultiverse.text.Terms;
import ai.alicemultiverse.xmp.AliceMetadata;
import ai.alicemultiverse.xmp.Generation;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A synthetic library of {@code n} assets as the pipeline hands it to the cache: Parquet shards with
 * the columns of the pipeline's asset rows (term lists folded by {@link Terms}, as the workers do),
 * written by DuckDB from JSON lines, then loaded by the real {@link CacheLoader}. The same library as
 * the search bench's (same seeds, same assets), without Beam.
 *
 * <p>Tag values per category and words follow a Zipf-like (log-uniform) distribution, as real
 * libraries do: a few styles and moods are everywhere, most are rare.
 */
final class SyntheticLibrary {
  static final int SHARDS = 2;
  private static final String[] CATEGORIES = {"style", "mood", "subject", "colors", "technique"};
  private static final int VALUES_PER_CATEGORY = 200;
  private static final int VOCABULARY = 5000;
  private static final String[] COMMON_WORDS = {
    "portrait", "neon", "city", "street", "night", "forest", "mountain", "ocean", "cat", "dog", "woman", "man",
    "robot", "castle", "dragon", "car", "rain", "light", "shadow", "sunset", "cyberpunk", "watercolor", "oil",
    "painting", "photo", "cinematic", "dark", "bright", "colorful", "vintage", "futuristic", "landscape", "sky",
    "cloud", "river", "flower", "garden", "house", "window", "mirror", "glass", "metal", "gold", "silver",
    "red", "blue", "green", "purple", "orange", "black", "white", "old", "young", "smiling", "running", "flying"
  };
  private static final String[] PROVIDERS = {"midjourney", "dalle", "flux", "stable-diffusion", "runway", "suno"};
  private static final String PROCESSED_AT = "2026-01-01T00:00:00Z";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Tags in the search index's tag order (category, then value), each once. */
  private static final Comparator<String[]> TAG_ORDER =
      Comparator.<String[], String>comparing(t -> t[0]).thenComparing(t -> t[1]);

  /** The asset rows' columns and types, as the pipeline's Parquet schema gives them. */
  private static final String STANDARD = "STRUCT(width INTEGER, height INTEGER, duration_seconds DOUBLE,"
      + " video_codec VARCHAR, audio_codec VARCHAR, sample_rate INTEGER, channels INTEGER, camera VARCHAR,"
      + " software VARCHAR, created_at VARCHAR, json VARCHAR)";
  private static final String COLUMNS = "{'content_hash': 'VARCHAR', 'media_type': 'VARCHAR', 'format': 'VARCHAR',"
      + " 'writable': 'BOOLEAN',"
      + " 'mime': 'VARCHAR', 'size_bytes': 'BIGINT', 'description': 'VARCHAR', 'generated_prompt': 'VARCHAR',"
      + " 'provider': 'VARCHAR', 'model': 'VARCHAR', 'prompt': 'VARCHAR', 'generated_at': 'VARCHAR',"
      + " 'processed_at': 'VARCHAR', 'metadata_version': 'INTEGER', 'metadata_json': 'VARCHAR',"
      + " 'metadata_conflict': 'BOOLEAN', 'width': 'INTEGER', 'height': 'INTEGER', 'duration_seconds': 'DOUBLE',"
      + " 'video_codec': 'VARCHAR', 'audio_codec': 'VARCHAR', 'sample_rate': 'INTEGER', 'channels': 'INTEGER',"
      + " 'camera': 'VARCHAR', 'software': 'VARCHAR', 'created_at': 'VARCHAR', 'standard_json': 'VARCHAR',"
      + " 'description_source': 'VARCHAR', 'title': 'VARCHAR', 'rating': 'INTEGER', 'label': 'VARCHAR',"
      + " 'taken_at': 'VARCHAR', 'gps_lat': 'DOUBLE', 'gps_lon': 'DOUBLE',"
      + " 'locations': 'STRUCT(path VARCHAR, storage_type VARCHAR, last_verified VARCHAR, metadata_version INTEGER,"
      + " size_bytes BIGINT, last_modified_ms BIGINT, hash_source VARCHAR, has_metadata BOOLEAN, format VARCHAR,"
      + " media_type VARCHAR, mime VARCHAR, processed_at VARCHAR, metadata_json VARCHAR, has_standard BOOLEAN,"
      + " standard " + STANDARD + ", signature VARCHAR)[]',"
      + " 'tags': 'STRUCT(category VARCHAR, value VARCHAR)[]',"
      + " 'terms': 'STRUCT(term VARCHAR, tf INTEGER, positions INTEGER[])[]', 'term_count': 'INTEGER'}";

  private SyntheticLibrary() {}

  /** A cache of {@code n} synthetic assets, {@code alice.duckdb} in {@code dir}, loaded by a rebuild. */
  static Path cache(int n, Path dir) throws IOException, SQLException {
    List<Path> shards = writeParquet(n, dir);
    Path cache = dir.resolve("alice.duckdb");
    Instant now = Instant.now();
    CacheLoader.rebuild(cache, shards, List.of(), new RunInfo("test", now, now, List.of(dir.toString()), "test",
        n, n, n, 0));
    return cache;
  }

  /** Writes {@code n} assets in {@link #SHARDS} Parquet shards in {@code dir}; asset i goes to shard i % SHARDS. */
  static List<Path> writeParquet(int n, Path dir) throws IOException, SQLException {
    List<Path> shards = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
      for (int s = 0; s < SHARDS; s++) {
        Path rows = dir.resolve(String.format("assets-%05d.jsonl", s));
        Random random = new Random(42 + s);
        try (BufferedWriter out = Files.newBufferedWriter(rows, StandardCharsets.UTF_8)) {
          for (int i = s; i < n; i += SHARDS) {
            out.write(JSON.writeValueAsString(row(i, random)));
            out.newLine();
          }
        }
        Path shard = dir.resolve(String.format("assets-%05d-of-%05d.parquet", s, SHARDS));
        sql.execute("COPY (SELECT * FROM read_json('" + rows + "', format = 'newline_delimited', columns = " + COLUMNS
            + ")) TO '" + shard + "' (FORMAT parquet, COMPRESSION zstd)");
        Files.delete(rows);
        shards.add(shard);
      }
    }
    return shards;
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

  /**
   * Asset {@code i} as the pipeline's asset row: 80% images, 10% video, 10% audio; one in seven also
   * has a copy in S3. Every copy carries the asset's metadata, so no copy differs from it.
   */
  private static Map<String, Object> row(int i, Random random) {
    int kind = i % 10;
    String mediaType = kind < 8 ? "image" : kind == 8 ? "video" : "audio";
    String format = kind < 5 ? "png" : kind < 8 ? "jpeg" : kind == 8 ? "mp4" : "mp3";
    String mime = kind < 5 ? "image/png" : kind < 8 ? "image/jpeg" : kind == 8 ? "video/mp4" : "audio/mpeg";
    String hash = "sha256:" + sha256(Integer.toString(i));
    AliceMetadata.Builder builder = AliceMetadata.builder()
        .contentHash(hash)
        .description(words(random, 8))
        .processedAt(PROCESSED_AT)
        .metadataVersion(1)
        .generation(new Generation(PROVIDERS[Math.floorMod(mix(i * 7L), PROVIDERS.length)],
            "model-" + Math.floorMod(mix(i * 13L), 12), words(random, 14), null, null, null,
            Instant.parse("2023-01-01T00:00:00Z").plusSeconds(Math.floorMod(mix(i * 3L), 90_000_000)).toString()));
    for (int c = 0; c < 3 + i % 3; c++) {
      builder.addTag(CATEGORIES[c], value(CATEGORIES[c], zipf(random, VALUES_PER_CATEGORY)));
    }
    String json = builder.build().toJson();
    AliceMetadata m = AliceMetadata.fromJson(json);
    long size = 10_000 + Math.floorMod(mix(i), 20_000_000);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("content_hash", hash);
    row.put("media_type", mediaType);
    row.put("format", format);
    row.put("writable", true);
    row.put("mime", mime);
    row.put("size_bytes", size);
    row.put("description", m.description());
    row.put("generated_prompt", m.generatedPrompt());
    row.put("provider", m.generation().provider());
    row.put("model", m.generation().model());
    row.put("prompt", m.generation().prompt());
    row.put("generated_at", m.generation().generatedAt());
    row.put("processed_at", PROCESSED_AT);
    row.put("metadata_version", 1);
    row.put("metadata_json", json);
    row.put("metadata_conflict", false);
    row.put("width", kind < 9 ? 512 + 64 * (i % 25) : null);
    row.put("height", kind < 9 ? 512 + 64 * (i % 17) : null);
    row.put("duration_seconds", kind >= 8 ? (double) (1 + i % 600) : null);
    List<Map<String, Object>> locations = new ArrayList<>();
    locations.add(location("/archive/" + (i % 1000) + "/" + i + "." + format, "local", format, mediaType, mime, size));
    if (i % 7 == 0) {
      locations.add(location("s3://backup/" + i + "." + format, "s3", format, mediaType, mime, size));
    }
    row.put("locations", locations);
    List<Map<String, Object>> tags = new ArrayList<>();
    // the search text: description, generated prompt, prompt, then the tag values by category and value
    List<String> fields = new ArrayList<>(Arrays.asList(m.description(), m.generatedPrompt(), m.generation().prompt(),
        null)); // no title
    SortedSet<String[]> tagOrder = new TreeSet<>(TAG_ORDER);
    for (Map.Entry<String, List<String>> category : m.tags().entrySet()) {
      for (String value : category.getValue()) {
        tags.add(Map.of("category", category.getKey(), "value", value));
        tagOrder.add(new String[] {category.getKey(), value});
      }
    }
    row.put("tags", tags);
    tagOrder.forEach(tag -> fields.add(tag[1]));
    List<Map<String, Object>> terms = new ArrayList<>();
    int count = 0;
    for (Terms.Posting posting : Terms.index(fields)) {
      terms.add(Map.of("term", posting.term(), "tf", posting.tf(), "positions", posting.positions()));
      count += posting.tf();
    }
    row.put("terms", terms);
    row.put("term_count", count);
    return row;
  }

  private static Map<String, Object> location(String path, String storage, String format, String mediaType,
      String mime, long size) {
    Map<String, Object> location = new LinkedHashMap<>();
    location.put("path", path);
    location.put("storage_type", storage);
    location.put("last_verified", PROCESSED_AT);
    location.put("metadata_version", 1);
    location.put("size_bytes", size);
    location.put("last_modified_ms", 1_700_000_000_000L);
    location.put("hash_source", "embedded");
    location.put("has_metadata", true);
    location.put("format", format);
    location.put("media_type", mediaType);
    location.put("mime", mime);
    location.put("processed_at", PROCESSED_AT);
    location.put("has_standard", false);
    return location;
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
