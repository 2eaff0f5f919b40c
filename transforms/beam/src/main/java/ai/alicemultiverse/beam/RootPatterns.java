package ai.alicemultiverse.beam;

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
    throw new NoSuchFileException(root, null, "no such file or folder");
  }

  static boolean isGlob(String root) {
    return root.contains("*") || root.contains("?") || root.contains("[") || root.contains("{");
  }
}
