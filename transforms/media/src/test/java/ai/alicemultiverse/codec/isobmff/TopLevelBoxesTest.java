package ai.alicemultiverse.codec.isobmff;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.testing.Vectors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What Tika's MP4 parser is shown of an ISO BMFF file. */
class TopLevelBoxesTest {
  @Test
  void theXmpBoxAndTheMediaDataAreLeftOut() throws IOException {
    try (MediaSource source = ChannelMediaSource.open(Vectors.file("tagged.mp4"))) {
      List<String> all = types(source, List.of(new ByteRange(0, source.size())));
      List<String> shown = types(source, TopLevelBoxes.metadataBoxes(source));

      assertThat(all).contains("ftyp", "moov", "mdat", "uuid");
      assertThat(shown).contains("ftyp", "moov").doesNotContain("mdat", "uuid");
    }
  }

  /** The types of the top-level boxes that start each kept range and follow inside it. */
  private static List<String> types(MediaSource source, List<ByteRange> ranges) throws IOException {
    java.util.ArrayList<String> types = new java.util.ArrayList<>();
    for (ByteRange range : ranges) {
      long at = range.offset();
      while (at + 8 <= range.end()) {
        ByteBuffer header = ByteBuffer.wrap(source.readFully(at, 8));
        types.add(new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1));
        at += Integer.toUnsignedLong(header.getInt(0));
      }
    }
    return types;
  }
}
