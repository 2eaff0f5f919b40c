package ai.alicemultiverse.codec.jpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the exiftool command line when it is installed (tests skip otherwise). */
final class ExifTool {
  private ExifTool() {}

  static boolean available() {
    try {
      return run(List.of("exiftool", "-ver")).matches("(?s)\\d+\\.\\d+\\s*");
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code exiftool -j -XMP:all -G1 file}: the JSON text. */
  static String xmpJson(Path file) throws IOException {
    return run(List.of("exiftool", "-j", "-XMP:all", "-G1", file.toString()));
  }

  /** {@code exiftool -b -TAG file}: one tag's raw value. */
  static String value(Path file, String tag) throws IOException {
    return run(List.of("exiftool", "-b", "-" + tag, file.toString()));
  }

  /** The warning lines of {@code exiftool -validate -warning -a file}. */
  static List<String> warnings(Path file) throws IOException {
    List<String> warnings = new ArrayList<>();
    for (String line : run(List.of("exiftool", "-validate", "-warning", "-a", file.toString()))
        .split("\n")) {
      if (line.startsWith("Warning")) {
        warnings.add(line.replaceFirst("^Warning\\s*:\\s*", "").trim());
      }
    }
    return warnings;
  }

  private static String run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("exiftool timed out: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + command, e);
    }
    return new String(output, StandardCharsets.UTF_8);
  }
}
