package ai.alicemultiverse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shared content-hash test vectors (shared/vectors next to the project). */
public final class Vectors {
  private Vectors() {}

  public static Path dir() {
    String configured = System.getProperty("alice.vectors");
    Path first = configured != null ? Path.of(configured) : Path.of("../shared/vectors");
    Path dir = Files.isDirectory(first) ? first : Path.of("../../shared/vectors");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("test vectors not found in " + first.toAbsolutePath().normalize()
          + ": the shared folder belongs next to the project folder (or set -Dalice.vectors=DIR)");
    }
    return dir.toAbsolutePath().normalize();
  }

  public static Path file(String name) {
    return dir().resolve(name);
  }

  public static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(file(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** file name to expected content hash, from content-hashes.tsv. */
  public static Map<String, String> expectedHashes() {
    try {
      List<String> lines = Files.readAllLines(dir().resolve("content-hashes.tsv"));
      Map<String, String> expected = new LinkedHashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        if (!line.isBlank()) {
          String[] cols = line.split("\t");
          expected.put(cols[0], cols[1]);
        }
      }
      return expected;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
