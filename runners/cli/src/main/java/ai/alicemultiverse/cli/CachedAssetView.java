package ai.alicemultiverse.cli;

import ai.alicemultiverse.search.CacheFiles;
import ai.alicemultiverse.search.CacheReports;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code alice show HASH}: what the cache knows about one content hash. */
final class CachedAssetView {
  private static final ObjectMapper JSON = JsonOutput.MAPPER;

  private CachedAssetView() {}

  /** A hash (or 8+ hex digit prefix) that is not also the name of an existing file. */
  static boolean isHash(String target) {
    return CacheReports.looksLikeHash(target) && !Files.exists(Path.of(target));
  }

  /**
   * Prints (or adds to {@code json}, the hash as given as its SourceFile) the asset; returns 1 when
   * it is not in the cache.
   */
  static int show(Path cache, String hash, JsonOutput json) throws Exception {
    try (Connection db = CacheFiles.openReadOnly(cache)) {
      CacheReports reports = new CacheReports(db);
      CacheReports.Asset a = reports.resolveHash(hash).flatMap(h -> {
        try {
          return reports.asset(h);
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }).orElse(null);
      if (a == null) {
        System.err.println("alice show: " + hash + ": not in the cache " + cache);
        if (json != null) {
          json.error(hash, "not in the cache " + cache);
        }
        return 1;
      }
      if (json != null) {
        fill(json.file(hash), a);
      } else {
        print(a);
      }
      return 0;
    }
  }

  private static void fill(ObjectNode n, CacheReports.Asset a) throws Exception {
    n.put("content_hash", a.contentHash());
    n.put("media_type", a.mediaType());
    n.put("format", a.format());
    n.put("mime", a.mime());
    n.put("size_bytes", a.sizeBytes());
    n.put("description", a.description());
    n.put("provider", a.provider());
    n.put("model", a.model());
    n.put("prompt", a.prompt());
    n.put("generated_at", text(a.generatedAt()));
    n.put("processed_at", text(a.processedAt()));
    n.put("metadata_version", a.metadataVersion());
    n.put("metadata_conflict", a.metadataConflict());
    ObjectNode tags = n.putObject("tags");
    a.tags().forEach((k, v) -> v.forEach(tags.withArray(k)::add));
    ArrayNode locations = n.putArray("locations");
    for (CacheReports.Location l : a.locations()) {
      locations.addObject().put("path", l.path()).put("storage_type", l.storageType()).put("state", l.state())
          .put("last_verified", text(l.lastVerified())).put("metadata_version", l.metadataVersion())
          .put("size_bytes", l.sizeBytes()).put("hash_source", l.hashSource());
    }
    n.set("metadata", a.metadataJson() == null ? null : JSON.readTree(a.metadataJson()));
  }

  private static void print(CacheReports.Asset a) {
    System.out.println(a.contentHash() + "  (from the cache)");
    row("format", a.format() + " (" + a.mime() + "), " + a.sizeBytes() + " bytes");
    row("description", a.description());
    for (Map.Entry<String, List<String>> tag : a.tags().entrySet()) {
      row("tag " + tag.getKey(), String.join(", ", tag.getValue()));
    }
    row("provider", a.provider());
    row("model", a.model());
    row("prompt", a.prompt());
    row("generated_at", text(a.generatedAt()));
    row("processed_at", text(a.processedAt()));
    row("version", a.metadataVersion() == null ? null : a.metadataVersion().toString());
    if (a.metadataConflict()) {
      row("conflict", "the copies carry different metadata; the newest is shown");
    }
    for (CacheReports.Location l : a.locations()) {
      row("location", l.storageType() + " " + l.path() + "  [" + l.state() + ", verified "
          + text(l.lastVerified()) + ", metadata v" + l.metadataVersion() + "]");
    }
    System.out.println();
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }

  private static void row(String name, String value) {
    if (value != null && !value.isBlank()) {
      System.out.printf("  %-13s %s%n", name, value);
    }
  }
}
