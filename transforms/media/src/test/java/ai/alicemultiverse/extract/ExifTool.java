package ai.alicemultiverse.extract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs the ExifTool command (Debian's libimage-exiftool-perl) to write test metadata. */
final class ExifTool {
  private ExifTool() {}

  static String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("exiftool"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("exiftool failed: " + out);
    }
    return out;
  }
}
