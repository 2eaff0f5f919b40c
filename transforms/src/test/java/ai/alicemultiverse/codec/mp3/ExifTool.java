package ai.alicemultiverse.codec.mp3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the exiftool command line for cross-checks; tests skip when it is not installed. */
final class ExifTool {
  private ExifTool() {}

  static boolean available() {
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

  static String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("exiftool"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("exiftool timed out");
    }
    return output;
  }

  /** The warning lines of {@code exiftool -validate -warning -a}. */
  static List<String> warnings(Path file) throws IOException, InterruptedException {
    List<String> lines = new ArrayList<>();
    for (String line : run("-validate", "-warning", "-a", file.toString()).split("\\R")) {
      if (line.startsWith("Warning")) {
        lines.add(line.trim());
      }
    }
    return lines;
  }
}
