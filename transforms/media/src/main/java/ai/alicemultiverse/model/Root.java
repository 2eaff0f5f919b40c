package ai.alicemultiverse.model;

import ai.alicemultiverse.io.RegularFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A place a user names for a job to read: a local folder or file, an {@code s3://} or {@code gs://}
 * prefix, or a glob. The one place that says what such a name means: its absolute form, the Beam
 * pattern that lists it, and which locations lie under it (by whole folder or key segments: {@code
 * /x/sun} does not hold {@code /x/sunset.jpg}).
 */
public final class Root implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final String ALL_BELOW = "**";

  private final String named;
  private final String location;
  private final boolean objectStore;
  private final boolean glob;

  private Root(String named, String location, boolean objectStore, boolean glob) {
    this.named = named;
    this.location = location;
    this.objectStore = objectStore;
    this.glob = glob;
  }

  /**
   * A root as a user names it: a glob is kept as written; an object-store prefix loses one trailing
   * slash ({@code s3://b/p/} is {@code s3://b/p}); a local path is made absolute and normalized.
   */
  public static Root parse(String text) {
    boolean objectStore = StorageType.isObjectStore(text);
    if (isGlob(text)) {
      return new Root(text, text, objectStore, true);
    }
    if (objectStore) {
      return new Root(text, text.endsWith("/") ? text.substring(0, text.length() - 1) : text, true, false);
    }
    return new Root(text, Path.of(text).toAbsolutePath().normalize().toString(), false, false);
  }

  /** Whether Beam would read {@code name} as a pattern: it has {@code * ? [} or {@code {}. */
  public static boolean isGlob(String name) {
    return name.contains("*") || name.contains("?") || name.contains("[") || name.contains("{");
  }

  public boolean isGlob() {
    return glob;
  }

  /** In S3 or GCS: read through Beam's file systems, and never written in place. */
  public boolean isObjectStore() {
    return objectStore;
  }

  /** {@link StorageType#LOCAL}, {@code NETWORK}, {@code S3} or {@code GCS}. */
  public String storageType() {
    return StorageType.of(location);
  }

  /**
   * The Beam pattern that lists the root: a glob as written, a folder or prefix recursively ({@code
   * /abs/folder/**}, {@code s3://b/p/**}), a file by its path.
   *
   * @throws NoSuchFileException a local root that is neither a folder nor a regular file, naming it as
   *     the user did and saying why
   */
  public String pattern() throws NoSuchFileException {
    if (glob) {
      return location;
    }
    if (objectStore) {
      return location + "/" + ALL_BELOW;
    }
    Path path = Path.of(location);
    if (Files.isDirectory(path)) {
      return location + "/" + ALL_BELOW;
    }
    if (Files.isRegularFile(path)) {
      return location;
    }
    throw new NoSuchFileException(named, null, whyNotARoot(path));
  }

  /**
   * Whether a file or object at {@code location} lies under this root: the root's own file, or below
   * it by whole path segments. A glob says nothing for sure about what it should match: it holds none.
   */
  public boolean contains(String location) {
    if (glob) {
      return false;
    }
    return !objectStore && location.equals(this.location) || location.startsWith(below());
  }

  /**
   * How every location strictly below the root starts: {@code /abs/folder/}, {@code s3://b/p/}. A
   * file root has nothing below it, and this names nothing that exists.
   */
  public String below() {
    return location.endsWith("/") ? location : location + "/";
  }

  /**
   * The local folder or file the root names, up to its first glob segment ({@code /x/*.jpg} is
   * {@code /x}), or null in an object store.
   */
  public Path localBase() {
    if (objectStore) {
      return null;
    }
    if (!glob) {
      return Path.of(location);
    }
    int wildcard = firstGlobChar(location);
    int slash = location.lastIndexOf('/', wildcard);
    String plain = slash < 0 ? "." : slash == 0 ? "/" : location.substring(0, slash);
    return Path.of(plain).toAbsolutePath().normalize();
  }

  /**
   * What made a cache, as its {@code runs} table records it: the absolute form, with a relative local glob
   * made absolute too ({@code pics/*.jpg} run in {@code /home/u} is {@code /home/u/pics/*.jpg}), so the
   * record means the same from any working folder.
   */
  public String absolute() {
    if (glob && !objectStore && !Path.of(location).isAbsolute()) {
      return Path.of(location).toAbsolutePath().normalize().toString();
    }
    return location;
  }

  /** The absolute form: the normalized local path, the prefix without its trailing slash, a glob as written. */
  @Override
  public String toString() {
    return location;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Root root && root.location.equals(location);
  }

  @Override
  public int hashCode() {
    return location.hashCode();
  }

  /** A FIFO, device or socket is named as such: it is there, but no file to read (opening a FIFO blocks). */
  private static String whyNotARoot(Path path) {
    try {
      return Files.exists(path) ? "not a regular file or folder (" + RegularFiles.kind(path) + ")"
          : "no such file or folder";
    } catch (IOException e) {
      return "no such file or folder";
    }
  }

  private static int firstGlobChar(String text) {
    int first = -1;
    for (char c : new char[] {'*', '?', '[', '{'}) {
      int at = text.indexOf(c);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    return first;
  }
}
