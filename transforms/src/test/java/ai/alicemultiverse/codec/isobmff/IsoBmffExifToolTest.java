package ai.alicemultiverse.codec.isobmff;

import static ai.alicemultiverse.codec.isobmff.IsoBmffTesting.packet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.testing.Vectors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cross-checks written files with ExifTool; skipped when exiftool is not installed. */
class IsoBmffExifToolTest {
  /** Track-level facts that must not change when only the XMP does. */
  private static final String[] TRACK_TAGS = {
    "-Duration", "-TrackDuration", "-MediaDuration", "-HandlerType", "-ImageWidth", "-ImageHeight",
    "-CompressorID", "-AudioFormat", "-AudioChannels", "-AudioSampleRate", "-TrackID"
  };

  @TempDir Path dir;

  @BeforeAll
  static void requireExifTool() {
    assumeTrue(available(), "exiftool is not installed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain.mp4", "tagged.mp4", "plain.mov", "tagged.mov", "plain.m4a", "tagged.m4a"})
  void exifToolReadsTheWrittenXmpAndSeesTheSameTracks(String name) throws Exception {
    Path original = Vectors.file(name);
    Path written = dir.resolve("written-" + name);
    try (ChannelMediaSource source = ChannelMediaSource.open(original);
        OutputStream out = Files.newOutputStream(written)) {
      new IsoBmffCodec().writeXmp(source, packet("exiftool check"), out);
    }

    JsonNode xmp = new ObjectMapper().readTree(run("-j", "-XMP:all", "-G1", written.toString())).get(0);
    assertThat(xmp.path("XMP-alice:Project").asText()).isEqualTo("multiverse");
    assertThat(xmp.path("XMP-dc:Description").asText()).isEqualTo("exiftool check");
    assertThat(xmp.has("XMP-dc:Subject")).isFalse(); // the old packet is gone

    List<String> before = warnings(original);
    assertThat(warnings(written)).isSubsetOf(before);

    assertThat(tracks(written)).isEqualTo(tracks(original));
  }

  private static JsonNode tracks(Path file) throws Exception {
    List<String> args = new ArrayList<>(List.of("-j", "-ee", "-a", "-G1"));
    args.addAll(List.of(TRACK_TAGS));
    args.add(file.toString());
    JsonNode node = new ObjectMapper().readTree(run(args.toArray(String[]::new))).get(0);
    ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("SourceFile");
    assertThat(node.size()).isGreaterThan(3);
    return node;
  }

  private static List<String> warnings(Path file) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String line : run("-validate", "-warning", "-a", file.toString()).split("\\R")) {
      if (line.startsWith("Warning")) {
        lines.add(line.trim());
      }
    }
    return lines;
  }

  private static boolean available() {
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

  private static String run(String... args) throws IOException, InterruptedException {
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
}
