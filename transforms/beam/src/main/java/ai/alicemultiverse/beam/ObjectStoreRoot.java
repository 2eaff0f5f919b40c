package ai.alicemultiverse.beam;

import ai.alicemultiverse.model.Root;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * A whole-prefix pattern on an object store ({@code s3://bucket/prefix/**}, {@code gs://bucket/**})
 * and its split into one {@code prefix/sub/**} pattern per key prefix one level down plus the
 * objects directly under the prefix, as listed with the delimiter {@code /}: as one exact pattern
 * each ({@link #split(Collection, Collection)}), or as the files the listing described
 * ({@link #splitListed}).
 *
 * <p>Why the parts match exactly what the whole pattern matches: Beam lists every key that starts
 * with {@code prefix} and keeps those matching the regular expression {@code prefix.*}. A listing
 * with a delimiter partitions those same keys: a key with a {@code /} after the prefix falls under
 * the common prefix up to that {@code /} (whose own {@code /**} pattern Beam lists the same way), any
 * other key is an object directly under the prefix. Two kinds of name would break that, and keep the
 * whole pattern instead: names with characters Beam reads as wildcards (an exact name would become a
 * glob), and names with line breaks (the whole pattern's {@code .*} does not cross them, the literal
 * part of a split pattern would).
 */
record ObjectStoreRoot(String scheme, String bucket, String prefix) {
  static final String DELIMITER = "/";
  private static final String ALL_BELOW = "**";

  /** The root of a {@code s3://} or {@code gs://} whole-prefix pattern, or null for anything else. */
  static ObjectStoreRoot parse(String pattern) {
    int schemeEnd = pattern.indexOf("://");
    if (schemeEnd < 0 || !pattern.endsWith(DELIMITER + ALL_BELOW)) {
      return null;
    }
    String scheme = pattern.substring(0, schemeEnd);
    if (!scheme.equals("s3") && !scheme.equals("gs")) {
      return null;
    }
    String path = pattern.substring(schemeEnd + 3, pattern.length() - ALL_BELOW.length());
    int slash = path.indexOf('/');
    String bucket = path.substring(0, slash);
    String prefix = path.substring(slash + 1);
    if (bucket.isEmpty() || !literal(path)) {
      return null; // a user's glob: matched as written
    }
    return new ObjectStoreRoot(scheme, bucket, prefix);
  }

  /** The whole pattern this root stands for. */
  String pattern() {
    return scheme + "://" + bucket + "/" + prefix + ALL_BELOW;
  }

  /**
   * The patterns for the first level under the prefix: {@code commonPrefixes} as the listing names
   * them ({@code prefix + "sub/"}), {@code objectKeys} the objects directly under the prefix, each
   * matched again by its exact name.
   */
  RootSplit split(Collection<String> commonPrefixes, Collection<String> objectKeys) {
    Set<String> levels = new TreeSet<>(commonPrefixes);
    List<String> direct = new ArrayList<>();
    for (String key : objectKeys) {
      if (!folderMarker(key, levels)) {
        direct.add(key);
      }
    }
    List<String> parts = levelPatterns(levels);
    if (parts == null) {
      return RootSplit.of(List.of(pattern()));
    }
    for (String key : direct) {
      if (!literal(key.substring(prefix.length()))) {
        return RootSplit.of(List.of(pattern()));
      }
      parts.add(scheme + "://" + bucket + "/" + key);
    }
    parts.sort(null);
    return RootSplit.of(parts);
  }

  /**
   * The patterns for the first level under the prefix, with the objects directly under it kept as
   * the listing described them: {@code objects} by key, each as the file Beam's own matcher would
   * make of it, every key {@link #listable}. A flat prefix of a million objects then costs its
   * listing pages, not a million more requests. Names Beam would read as wildcards are no obstacle
   * here, no pattern being made of them.
   */
  RootSplit splitListed(Collection<String> commonPrefixes, Map<String, MatchResult.Metadata> objects) {
    Set<String> levels = new TreeSet<>(commonPrefixes);
    List<MatchResult.Metadata> direct = new ArrayList<>();
    objects.forEach((key, file) -> {
      if (!folderMarker(key, levels)) {
        direct.add(file);
      }
    });
    List<String> parts = levelPatterns(levels);
    if (parts == null) {
      return RootSplit.of(List.of(pattern()));
    }
    parts.sort(null);
    return new RootSplit(parts, direct);
  }

  /**
   * Whether an object directly under the prefix can be kept as listed. The whole pattern's {@code
   * .*} does not cross a line break, so Beam would not match a name with one: nor may the split,
   * which keeps the whole pattern then.
   */
  static boolean listable(String key) {
    return key.chars().noneMatch(ObjectStoreRoot::lineBreak);
  }

  /**
   * Whether {@code key}, listed as an object, is a folder marker "prefix/sub/" (added to {@code
   * levels}): servers that keep objects in a file system (S3Proxy, for one) list one as an object
   * instead of under the common prefix it belongs to, as S3 would.
   */
  private boolean folderMarker(String key, Set<String> levels) {
    int cut = key.indexOf(DELIMITER, prefix.length());
    if (cut < 0) {
      return false;
    }
    levels.add(key.substring(0, cut + DELIMITER.length()));
    return true;
  }

  /** One recursive pattern per level, or null when a level's name would not stay literal. */
  private List<String> levelPatterns(Set<String> levels) {
    List<String> parts = new ArrayList<>();
    for (String common : levels) {
      String sub = common.substring(prefix.length());
      if (!literal(sub) || sub.equals(DELIMITER)) {
        return null; // an empty level ("a//b") is left to Beam's own matcher as well
      }
      parts.add(scheme + "://" + bucket + "/" + common + ALL_BELOW);
    }
    return parts;
  }

  /**
   * The failure to throw when the first-level listing of this root failed, as a failed match fails:
   * a store that does not answer is an outage that stops the job (thrown here as {@link
   * StorageUnavailableException}); any other refusal (no such bucket, access denied) is returned,
   * naming the root, and stops it too. The root is never left out.
   */
  IOException listingFailed(Exception e) {
    String outage = StorageUnavailableException.outageReason(pattern(), e);
    if (outage != null) {
      throw new StorageUnavailableException(pattern(), "listing its first level: " + outage, e);
    }
    return new IOException(pattern() + ": could not list its first level (" + e.getMessage() + ")", e);
  }

  private static boolean literal(String name) {
    return !Root.isGlob(name) && name.chars().noneMatch(ObjectStoreRoot::lineBreak);
  }

  private static boolean lineBreak(int c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }
}
