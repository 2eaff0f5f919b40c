package ai.alicemultiverse.codec.isobmff;

import static ai.alicemultiverse.codec.isobmff.IsoBmffTesting.packet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.testing.ExifTool;
import ai.alicemultiverse.testing.Vectors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    assumeTrue(ExifTool.available(), "exiftool is not installed");
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

    JsonNode xmp = new ObjectMapper().readTree(ExifTool.xmpJson(written)).get(0);
    assertThat(xmp.path("XMP-alice:Project").asText()).isEqualTo("multiverse");
    assertThat(xmp.path("XMP-dc:Description").asText()).isEqualTo("exiftool check");
    assertThat(xmp.has("XMP-dc:Subject")).isFalse(); // the old packet is gone

    List<String> before = ExifTool.warnings(original);
    assertThat(ExifTool.warnings(written)).isSubsetOf(before);

    assertThat(tracks(written)).isEqualTo(tracks(original));
  }

  private static JsonNode tracks(Path file) throws Exception {
    List<String> args = new ArrayList<>(List.of("-j", "-ee", "-a", "-G1"));
    args.addAll(List.of(TRACK_TAGS));
    args.add(file.toString());
    JsonNode node = new ObjectMapper().readTree(ExifTool.run(args.toArray(String[]::new))).get(0);
    ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("SourceFile");
    assertThat(node.size()).isGreaterThan(3);
    return node;
  }
}
