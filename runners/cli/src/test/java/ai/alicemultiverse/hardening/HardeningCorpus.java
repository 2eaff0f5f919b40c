package ai.alicemultiverse.hardening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** The real files every campaign starts from: the shared test vectors and the project's sample media. */
final class HardeningCorpus {
  static final Set<String> MEDIA =
      Set.of("jpg", "png", "webp", "tif", "mp4", "mov", "m4a", "mp3", "wav");

  private HardeningCorpus() {}

  static Path vectors() {
    return Path.of(System.getProperty("alice.vectors", "../../shared/vectors"));
  }

  static Path samples() {
    return Path.of(System.getProperty("alice.samples", "../src/samples"));
  }

  /** Every media file of the vectors and the samples, sorted by path. */
  static List<Path> originals() throws IOException {
    List<Path> all = new ArrayList<>();
    for (Path root : List.of(vectors(), samples())) {
      try (Stream<Path> tree = Files.walk(root)) {
        tree.filter(Files::isRegularFile).filter(p -> MEDIA.contains(extension(p))).sorted().forEach(all::add);
      }
    }
    if (all.size() < 20) {
      throw new IllegalStateException("too few corpus files under " + vectors() + " and " + samples() + ": " + all);
    }
    return all;
  }

  /** Copies {@link #originals()} flat into {@code dir} (writable, unique names); returns the copies. */
  static List<Path> copyInto(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> copies = new ArrayList<>();
    for (Path original : originals()) {
      String name = original.getParent().getFileName() + "-" + original.getFileName();
      Path copy = dir.resolve(name);
      Files.copy(original, copy);
      Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
      copies.add(copy);
    }
    return copies;
  }

  static String extension(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
