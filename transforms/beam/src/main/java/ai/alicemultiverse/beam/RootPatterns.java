package ai.alicemultiverse.beam;

import ai.alicemultiverse.io.RegularFiles;
import ai.alicemultiverse.model.StorageType;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns the roots a user names into Beam match patterns: a folder is searched recursively. */
public final class RootPatterns {
  private RootPatterns() {}

  public static List<String> of(List<String> roots) throws NoSuchFileException {
    List<String> patterns = new ArrayList<>();
    for (String root : roots) {
      patterns.add(of(root));
    }
    return patterns;
  }

  public static String of(String root) throws NoSuchFileException {
    if (isGlob(root)) {
      return root; // taken as is
    }
    if (StorageType.isObjectStore(root)) {
      return root.endsWith("/") ? root + "**" : root + "/**";
    }
    Path path = Path.of(root).toAbsolutePath().normalize();
    if (Files.isDirectory(path)) {
      return path + "/**";
    }
    if (Files.isRegularFile(path)) {
      return path.toString();
    }
    throw new NoSuchFileException(root, null, whyNotARoot(path));
  }

  /** A FIFO, device or socket is named as such: it is there, but no file to read (opening a FIFO blocks). */
  private static String whyNotARoot(Path path) {
    try {
      return Files.exists(path) ? "not a regular file or folder (" + RegularFiles.kind(path) + ")"
          : "no such file or folder";
    } catch (java.io.IOException e) {
      return "no such file or folder";
    }
  }

  static boolean isGlob(String root) {
    return root.contains("*") || root.contains("?") || root.contains("[") || root.contains("{");
  }
}
