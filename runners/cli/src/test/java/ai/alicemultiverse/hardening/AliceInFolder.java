package ai.alicemultiverse.hardening;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * A real {@code alice} command in a child JVM, run from a working folder of the test's choosing with
 * the environment it gives: what the library file's lookup depends on.
 */
final class AliceInFolder {
  record Run(int exit, String output) {}

  private final Map<String, String> env;

  /** @param xdgConfigHome the child's XDG_CONFIG_HOME (tests never see the developer's own library file) */
  AliceInFolder(Path xdgConfigHome) {
    this(xdgConfigHome, Map.of());
  }

  /** @param more more of the child's environment (credentials of a test server) */
  AliceInFolder(Path xdgConfigHome, Map<String, String> more) {
    Map<String, String> all = new java.util.HashMap<>(more);
    all.put("XDG_CONFIG_HOME", xdgConfigHome.toString());
    this.env = Map.copyOf(all);
  }

  Run run(Path workingFolder, String... args) throws IOException, InterruptedException {
    Path log = Files.createTempFile("alice-in-folder", ".log");
    try {
      Process process = start(workingFolder, log, args);
      if (!process.waitFor(150, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("alice " + String.join(" ", args) + " did not finish: "
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Starts {@code alice ARGS...} from {@code workingFolder}, its stdout and stderr going to {@code log}. */
  Process start(Path workingFolder, Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(absoluteClassPath());
    command.add("ai.alicemultiverse.cli.AliceCommand");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingFolder.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  /** The test class path with every entry absolute: the child runs from another folder. */
  private static String absoluteClassPath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      entries.add(Path.of(entry).toAbsolutePath().toString());
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  /** A small PNG whose pixels (so whose content hash) differ for every {@code seed}. */
  static Path png(Path file, int seed) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    image.setRGB(seed % 8, seed / 8 % 8, 0x102030 * (seed + 1));
    ImageIO.write(image, "png", file.toFile());
    return file;
  }
}
