package ai.alicemultiverse.pipelines;

import java.nio.file.Files;
import java.nio.file.Path;

/** The sample media set shipped in src/samples. */
public final class Samples {
  private Samples() {}

  public static Path dir() {
    String configured = System.getProperty("alice.samples");
    Path dir = configured != null ? Path.of(configured) : Path.of("../src/samples");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("sample media not found (set -Dalice.samples): " + dir);
    }
    return dir.toAbsolutePath().normalize();
  }
}
