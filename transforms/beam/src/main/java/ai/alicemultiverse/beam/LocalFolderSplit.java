package ai.alicemultiverse.beam;

import ai.alicemultiverse.model.Root;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a local folder pattern ({@code /data/**}) into one pattern per first-level subfolder
 * ({@code /data/a/**}, {@code /data/b/**}) plus one exact pattern per file directly in the folder.
 * Beam's local matcher walks everything below the part of a pattern before its first wildcard, so a
 * {@code /data/*} pattern for the folder's own files would walk the whole tree again: those files
 * are named one by one instead.
 *
 * <p>The split patterns match exactly what the folder pattern matches: Beam's walk follows symbolic
 * links and keeps regular files, and so does this. Folders whose subfolder names contain wildcard
 * characters keep the one walk.
 */
final class LocalFolderSplit {
  private static final String ALL_BELOW = "/**";

  private LocalFolderSplit() {}

  static List<String> split(Path folder, String pattern) throws IOException {
    List<String> parts = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
      for (Path child : children) {
        if (Files.isDirectory(child)) {
          if (Root.isGlob(child.getFileName().toString())) {
            return List.of(pattern); // a name Beam would read as a wildcard: keep the one walk
          }
          parts.add(child + ALL_BELOW);
        } else if (Files.isRegularFile(child)) {
          parts.add(child.toString()); // exact: Beam checks existence before reading it as a glob
        }
      }
    }
    parts.sort(null);
    return parts;
  }

  /** The folder of a {@code /folder/**} pattern on the local disk, or null for anything else. */
  static Path folder(String pattern) {
    if (!pattern.startsWith("/") || !pattern.endsWith(ALL_BELOW)) {
      return null;
    }
    String folder = pattern.substring(0, pattern.length() - ALL_BELOW.length());
    if (folder.isEmpty() || Root.isGlob(folder)) {
      return null;
    }
    Path path = Path.of(folder);
    return Files.isDirectory(path) ? path : null;
  }
}
