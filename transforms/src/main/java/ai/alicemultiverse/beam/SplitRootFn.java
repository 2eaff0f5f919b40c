package ai.alicemultiverse.beam;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Splits a local folder pattern ({@code /data/**}) into one pattern per first-level subfolder
 * ({@code /data/a/**}, {@code /data/b/**}) plus one exact pattern per file directly in the folder,
 * so that the walks run as many parallel match steps instead of one serial one. Beam's local
 * matcher walks everything below the part of a pattern before its first wildcard, so a
 * {@code /data/*} pattern for the folder's own files would walk the whole tree again: those
 * files are named one by one instead.
 *
 * <p>The split patterns match exactly what the folder pattern matches: Beam's walk follows
 * symbolic links and keeps regular files, and so does this. Object store patterns, user globs and
 * folders whose subfolder names contain wildcard characters pass through unchanged.
 */
class SplitRootFn extends DoFn<String, String> {
  private static final String ALL_BELOW = "/**";

  @ProcessElement
  public void processElement(@Element String pattern, OutputReceiver<String> out) throws IOException {
    for (String part : split(pattern)) {
      out.output(part);
    }
  }

  static List<String> split(String pattern) throws IOException {
    Path folder = localFolder(pattern);
    if (folder == null) {
      return List.of(pattern);
    }
    List<String> parts = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
      for (Path child : children) {
        if (Files.isDirectory(child)) {
          if (RootPatterns.isGlob(child.getFileName().toString())) {
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
  static Path localFolder(String pattern) {
    if (!pattern.startsWith("/") || !pattern.endsWith(ALL_BELOW)) {
      return null;
    }
    String folder = pattern.substring(0, pattern.length() - ALL_BELOW.length());
    if (folder.isEmpty() || RootPatterns.isGlob(folder)) {
      return null;
    }
    Path path = Path.of(folder);
    return Files.isDirectory(path) ? path : null;
  }
}
