package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A finished {@code alice} child process with its standard output and error apart (the
 * {@code --json} reports are parsed from standard output alone), and the other tools tests write
 * files with.
 */
record AliceRun(int code, String out, String err) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Runs {@code alice ARGS...} in {@code work} (its logs go there too) and waits for it. */
  static AliceRun of(Path work, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("ai.alicemultiverse.cli.AliceCommand");
    command.addAll(List.of(args));
    Path out = Files.createTempFile(work, "out", ".log");
    Path err = Files.createTempFile(work, "err", ".log");
    Process child = new ProcessBuilder(command).directory(work.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(child.waitFor(3, TimeUnit.MINUTES)).as("alice " + String.join(" ", args) + " finished").isTrue();
    return new AliceRun(child.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  JsonNode json() throws IOException {
    return JSON.readTree(out);
  }

  /** Runs another tool (exiftool, ffmpeg...) that must succeed. */
  static String tool(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }

  /** Whether {@code command} is on the PATH. */
  static boolean installed(String command) {
    try {
      Process process = new ProcessBuilder(command, command.equals("exiftool") ? "-ver" : "-version")
          .redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
