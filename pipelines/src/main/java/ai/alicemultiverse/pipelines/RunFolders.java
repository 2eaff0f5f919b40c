package ai.alicemultiverse.pipelines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** Run ids and the files a run leaves in its folder. */
final class RunFolders {
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** The name Beam's file writes give their temporary folders. */
  private static final String BEAM_TEMP = ".temp-beam";

  private RunFolders() {}

  static String runId(Instant started) {
    return RUN_ID.format(started) + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Files in {@code dir} whose names end with {@code suffix}, sorted; none when it does not exist. */
  static List<Path> files(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  /** Every line of every file in {@code dir}, sorted. */
  static List<String> lines(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path f : files(dir, "")) {
      lines.addAll(Files.readAllLines(f));
    }
    lines.removeIf(String::isBlank);
    lines.sort(Comparator.comparing((String l) -> l.substring(l.indexOf('\t') + 1)));
    return lines;
  }

  /**
   * Removes the {@code .temp-beam} folders Beam's file writes leave next to the shards they wrote
   * (emptied, after a finished write): a finished run needs none of them.
   */
  static void removeBeamTemps(Path runDir) throws IOException {
    if (!Files.isDirectory(runDir)) {
      return;
    }
    List<Path> temps;
    try (Stream<Path> tree = Files.walk(runDir, 2)) {
      temps = tree.filter(p -> p.getFileName().toString().startsWith(BEAM_TEMP)).toList();
    }
    for (Path temp : temps) {
      deleteTree(temp);
    }
  }

  /** Deletes {@code dir} and everything below it; a link is deleted, never followed. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(dir)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
