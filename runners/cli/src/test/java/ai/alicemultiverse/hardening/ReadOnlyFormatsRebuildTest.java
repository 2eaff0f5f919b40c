package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HEIC and FLAC files in a root were left out of every count, row and report without a word. A rebuild
 * over files made by ImageMagick/libheif, ffmpeg and sox now indexes each format alice reads as a
 * read-only asset (HEIC, AVIF and AVI with ExifTool 13's ImageDataHash, the others hashed whole and said
 * so), counts the rest by kind in the summary, the {@code runs} table and {@code stats}; {@code tag} refuses
 * a HEIC naming the format and {@code ingest} indexes it without writing, both leaving it untouched. Real {@code alice} child JVMs and cache.
 */
class ReadOnlyFormatsRebuildTest {
  @TempDir Path work;

  @Test
  @Timeout(300)
  void aRebuildIndexesReadOnlyFormatsAndCountsTheRestByKind() throws Exception {
    Path root = Files.createDirectories(work.resolve("media"));
    Map<String, String> expectedFormat = new LinkedHashMap<>();
    tool("convert", "-size", "64x48", "plasma:fractal", root.resolve("photo.heic").toString());
    tool("convert", "-size", "64x48", "radial-gradient:red-none", root.resolve("photo.avif").toString());
    ffmpeg(root.resolve("clip.avi"), "-c:v", "mjpeg", "-c:a", "pcm_s16le");
    ffmpeg(root.resolve("clip.mkv"), "-c:v", "mjpeg", "-c:a", "pcm_s16le");
    tool("sox", "-n", "-r", "8000", root.resolve("tone.flac").toString(), "synth", "0.5", "sine", "440");
    tool("sox", "-n", "-r", "8000", root.resolve("tone.ogg").toString(), "synth", "0.5", "sine", "330");
    tool("convert", "-size", "32x24", "plasma:fractal", root.resolve("anim.gif").toString());
    tool("convert", "-size", "32x24", "plasma:fractal", root.resolve("bitmap.bmp").toString());
    Files.writeString(root.resolve("notes.txt"), "not media");
    Files.write(root.resolve("layers.psd"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    expectedFormat.putAll(Map.of("photo.heic", "heic", "photo.avif", "avif", "clip.avi", "avi", "clip.mkv", "mkv",
        "tone.flac", "flac", "tone.ogg", "ogg", "anim.gif", "gif", "bitmap.bmp", "bmp"));
    Path cache = work.resolve("alice.duckdb");

    String summary = alice(0, "rebuild", root.toString(), "--cache", cache.toString());

    assertThat(summary).contains("indexed 8", "0 errors", "skipped 2 files that are not media: psd 1, txt 1");
    Map<String, List<String>> rows = rows(cache, "SELECT regexp_extract(l.path, '[^/]+$'), a.format,"
        + " a.writable::VARCHAR, l.hash_source, a.content_hash FROM locations l JOIN assets a USING (content_hash)");
    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(expectedFormat.keySet());
    for (Map.Entry<String, String> expected : expectedFormat.entrySet()) {
      List<String> row = rows.get(expected.getKey());
      assertThat(row.get(0)).as(expected.getKey()).isEqualTo(expected.getValue());
      assertThat(row.get(1)).as(expected.getKey() + " writable").isEqualTo("false");
      boolean exifToolDefined = List.of("heic", "avif", "avi").contains(expected.getValue());
      assertThat(row.get(2)).as(expected.getKey() + " hash_source").isEqualTo(exifToolDefined ? "computed" : "whole_file");
      if (!exifToolDefined) {
        assertThat(row.get(3)).isEqualTo("sha256:" + sha256(root.resolve(expected.getKey())));
      }
    }
    assertThat(rows(cache, "SELECT k, skipped_by_kind[k]::VARCHAR FROM (SELECT skipped_by_kind,"
        + " unnest(map_keys(skipped_by_kind)) AS k FROM runs)"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("psd", List.of("1"), "txt", List.of("1")));
    assertThat(alice(0, "stats", "--cache", cache.toString()))
        .contains("read-only   8")
        .containsPattern("skipped by the last run \\(not media\\):\\R  psd +1\\R  txt +1");

    Path heic = root.resolve("photo.heic");
    byte[] before = Files.readAllBytes(heic);
    String refused = alice(1, "tag", heic.toString(), "--add", "style:test");
    assertThat(refused).contains(heic.toString(), "HEIC is read-only in alice");
    assertThat(Files.readAllBytes(heic)).isEqualTo(before);
    String ingested = alice(0, "ingest", root.toString(), "--cache", work.resolve("ingest.duckdb").toString(),
        "--parquet", work.resolve("ingest-parquet").toString());
    assertThat(ingested).contains(heic + ": HEIC is read-only in alice", "FLAC is read-only in alice");
    assertThat(Files.readAllBytes(heic)).isEqualTo(before);

    Path exiftool13 = exifTool13();
    assumeTrue(exiftool13 != null, "ExifTool 13 not found (the rest passed): set ALICE_EXIFTOOL13 to its exiftool"
        + " script or run npm install --prefix .tools/exiftool13 exiftool-vendored.pl@13.59.3 in the repository root");
    for (String name : List.of("photo.heic", "photo.avif", "clip.avi")) {
      String hex = tool("perl", exiftool13.toString(), "-api", "ImageHashType=SHA256", "-s3", "-ImageDataHash",
          root.resolve(name).toString()).trim();
      assertThat(rows.get(name).get(3)).as(name + " against ExifTool 13's ImageDataHash").isEqualTo("sha256:" + hex);
    }
  }

  /** Runs alice, expecting {@code exitCode}; its output. */
  private String alice(int exitCode, String... args) throws Exception {
    Path log = Files.createTempFile(work, "alice", ".log");
    Process process = AliceProcess.start(List.of(args), log);
    boolean ended = process.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly().waitFor();
    }
    String output = Files.readString(log);
    assertThat(ended).as("alice " + List.of(args) + " ended; output: " + output).isTrue();
    assertThat(process.exitValue()).as(output).isEqualTo(exitCode);
    return output;
  }

  private void ffmpeg(Path file, String... codecs) throws IOException {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
        "testsrc=size=64x48:rate=10", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000", "-t", "1"));
    command.addAll(List.of(codecs));
    command.add(file.toString());
    tool(command.toArray(String[]::new));
  }

  /** Runs a media tool to its end; skips the test when it is not installed. */
  private static String tool(String... command) throws IOException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException notInstalled) {
      assumeTrue(false, command[0] + " is not installed: " + notInstalled.getMessage());
      throw notInstalled;
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(command[0] + " ended").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    return output;
  }

  /** The first column of each row mapped to the others, as text. */
  private static Map<String, List<String>> rows(Path cache, String query) throws Exception {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    Map<String, List<String>> rows = new LinkedHashMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + cache, readOnly);
        Statement sql = db.createStatement();
        ResultSet result = sql.executeQuery(query)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 2; i <= columns; i++) {
          values.add(result.getString(i));
        }
        rows.put(result.getString(1), values);
      }
    }
    return rows;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  /**
   * ExifTool 13's script: {@code ALICE_EXIFTOOL13}, the system property {@code alice.exiftool13}, or
   * {@code .tools/exiftool13/node_modules/exiftool-vendored.pl/bin/exiftool} in the repository root
   * (where {@code .ci/run} installs it); null when none is there.
   */
  static Path exifTool13() {
    for (String configured : new String[] {System.getenv("ALICE_EXIFTOOL13"), System.getProperty("alice.exiftool13")}) {
      if (configured != null && !configured.isBlank() && Files.isRegularFile(Path.of(configured))) {
        return Path.of(configured);
      }
    }
    for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
      Path script = at.resolve(".tools/exiftool13/node_modules/exiftool-vendored.pl/bin/exiftool");
      if (Files.isRegularFile(script)) {
        return script;
      }
    }
    return null;
  }
}
