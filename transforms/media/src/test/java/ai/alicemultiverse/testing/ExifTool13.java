package ai.alicemultiverse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * ExifTool 13, the reference for the content hash (its ImageDataHash with SHA-256; Debian's ExifTool
 * 12 has no such tag). Found at the system property {@code alice.exiftool13} (the build sets it to
 * {@code .tools/exiftool13/node_modules/exiftool-vendored.pl/bin/exiftool}, where {@code .ci/run}
 * installs the npm package {@code exiftool-vendored.pl@13.59.3}) or the environment variable
 * {@code ALICE_EXIFTOOL13}; run with the system Perl.
 */
public final class ExifTool13 {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExifTool13() {}

  /** The exiftool script, or null when it is not installed. */
  public static Path script() {
    for (String configured : new String[] {System.getProperty("alice.exiftool13"), System.getenv("ALICE_EXIFTOOL13")}) {
      if (configured != null && !configured.isBlank() && Files.isRegularFile(Path.of(configured))) {
        return Path.of(configured);
      }
    }
    return null;
  }

  /** Skips the calling test when ExifTool 13 is missing (fails it where ALICE_REQUIRE_TOOLS=1). */
  public static void assumeInstalled() {
    RequiredTools.assume(script() != null,
        "ExifTool 13 not found (install it with: npm install --prefix .tools/exiftool13 "
            + "exiftool-vendored.pl@13.59.3, or set -Dalice.exiftool13=PATH/bin/exiftool)");
  }

  /** {@code exiftool args...} (standard output only; errors go to the test log). */
  public static String run(List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of("perl", script().toString()));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("exiftool 13 timed out: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + command, e);
    }
    return output;
  }

  /**
   * ImageDataHash (SHA-256, as {@code sha256:<hex>}) of each file, one ExifTool process for all;
   * a file ExifTool gives none for maps to null.
   */
  public static Map<Path, String> imageDataHashes(List<Path> files) throws IOException {
    Path list = Files.createTempFile("exiftool13-files", ".txt");
    try {
      Files.write(list, files.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
      String out = run(List.of("-j", "-charset", "filename=utf8", "-api", "ImageHashType=SHA256",
          "-ImageDataHash", "-@", list.toString()));
      Map<Path, String> hashes = new LinkedHashMap<>();
      files.forEach(f -> hashes.put(f, null));
      for (JsonNode node : JSON.readTree(out)) {
        JsonNode hash = node.get("ImageDataHash");
        hashes.put(Path.of(node.get("SourceFile").asText()),
            hash == null ? null : "sha256:" + hash.asText());
      }
      return hashes;
    } finally {
      Files.deleteIfExists(list);
    }
  }

  /** {@code exiftool -j -G1 args... file}: the one file's JSON object. */
  public static JsonNode json(Path file, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("-j", "-G1"));
    command.addAll(List.of(args));
    command.add(file.toString());
    return JSON.readTree(run(command)).get(0);
  }
}
