package ai.alicemultiverse.search;

import ai.alicemultiverse.beam.MediaFiles;
import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.media.Inspection;
import ai.alicemultiverse.media.MediaInspector;
import ai.alicemultiverse.xmp.AliceMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Compares the cache with the files: every local location must still exist, still hold the media
 * of its hash (recomputed, never trusted) and still carry the metadata version the cache read.
 * Under the given roots, media files the cache has never seen are reported too (a moved file shows
 * as missing at its old path and new at its new one). Object-store locations are not fetched.
 */
public final class CacheVerifier {
  /** One difference between the cache and the files. */
  public record Drift(Kind kind, String path, String contentHash, String detail) {}

  public enum Kind {
    /** The cache lists the file, but it is gone. */
    MISSING,
    /** The media itself changed: the file no longer has the hash the cache lists it under. */
    CHANGED,
    /** The embedded metadata changed since the cache read it (edited by another tool or by hand). */
    METADATA,
    /** Could not be read. */
    UNREADABLE,
    /** A media file under a root that the cache does not know. */
    NEW
  }

  private final Connection db;

  public CacheVerifier(Connection db) {
    this.db = db;
  }

  /** @param roots local folders to restrict the check to (and to look for new files in); empty for all */
  public List<Drift> verify(List<Path> roots) throws SQLException, IOException {
    List<Path> absolute = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    List<Drift> drift = new ArrayList<>();
    Set<String> known = new HashSet<>();
    try (PreparedStatement statement = db.prepareStatement("SELECT l.content_hash, l.path,"
        + " l.metadata_version, CASE WHEN a.metadata_conflict THEN NULL ELSE a.metadata::VARCHAR END"
        + " FROM locations l JOIN assets a USING (content_hash)"
        + " WHERE l.storage_type IN ('local', 'network') ORDER BY l.path");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        String path = rows.getString(2);
        known.add(path);
        if (!absolute.isEmpty() && absolute.stream().noneMatch(root -> Path.of(path).startsWith(root))) {
          continue;
        }
        Drift d = check(rows.getString(1), path, (Integer) rows.getObject(3), rows.getString(4));
        if (d != null) {
          drift.add(d);
        }
      }
    }
    for (Path root : absolute) {
      if (!Files.exists(root)) {
        throw new IOException(root + ": no such file or folder");
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          String path = file.toString();
          if (MediaFiles.looksLikeMedia(path) && !known.contains(path)) {
            drift.add(new Drift(Kind.NEW, path, null, "not in the cache (run 'alice rebuild')"));
          }
        }
      }
    }
    return drift;
  }

  /** @param cachedJson the metadata every copy shared when the cache was built, or null when they differed */
  static Drift check(String hash, String path, Integer cachedVersion, String cachedJson) {
    Path file = Path.of(path);
    if (!Files.exists(file)) {
      return new Drift(Kind.MISSING, path, hash, "the file is gone");
    }
    Inspection seen;
    try (MediaSource source = ChannelMediaSource.open(file)) {
      seen = MediaInspector.inspect(source, true);
    } catch (IOException | RuntimeException e) {
      return new Drift(Kind.UNREADABLE, path, hash, e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage());
    }
    if (!hash.equals(seen.contentHash())) {
      return new Drift(Kind.CHANGED, path, hash, "the media now hashes to " + seen.contentHash());
    }
    Integer version = seen.metadata() == null ? null : seen.metadata().metadataVersion();
    if (!Objects.equals(version, cachedVersion)) {
      return new Drift(Kind.METADATA, path, hash, "metadata_version is " + version + " in the file, "
          + cachedVersion + " in the cache");
    }
    if (cachedJson != null && seen.metadata() != null && !seen.metadata().equals(AliceMetadata.fromJson(cachedJson))) {
      return new Drift(Kind.METADATA, path, hash, "the embedded metadata differs from what the cache read"
          + " (same metadata_version " + version + ")");
    }
    return null;
  }
}
