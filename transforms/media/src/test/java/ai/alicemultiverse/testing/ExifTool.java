package ai.alicemultiverse.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the exiftool command line as an independent reader of what a codec wrote. Tests check
 * {@link #available()} with a JUnit assumption, so they skip where exiftool is not installed.
 */
public final class ExifTool {
  private ExifTool() {}

  /** True when {@code exiftool -ver} runs and exits 0. */
  public static boolean available() {
    try {
      Process p = new ProcessBuilder("exiftool", "-ver").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code exiftool args...}: standard output and error together, as text. */
  public static String run(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("exiftool"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("exiftool timed out: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + command, e);
    }
    return output;
  }

  /** {@code exiftool -j -XMP:all -G1 file}: the JSON text. */
  public static String xmpJson(Path file) throws IOException {
    return run("-j", "-XMP:all", "-G1", file.toString());
  }

  /** {@code exiftool -b -TAG file}: one tag's raw value. */
  public static String value(Path file, String tag) throws IOException {
    return run("-b", "-" + tag, file.toString());
  }

  /** The warning lines of {@code exiftool -validate -warning -a file}, trimmed. */
  public static List<String> warnings(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : run("-validate", "-warning", "-a", file.toString()).split("\\R")) {
      if (line.startsWith("Warning")) {
        lines.add(line.trim());
      }
    }
    return lines;
  }
}
