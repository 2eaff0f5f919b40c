package ai.alicemultiverse.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.Codecs;
import ai.alicemultiverse.codec.UnsupportedFormatException;
import ai.alicemultiverse.codec.isobmff.IsoBmffCodec;
import ai.alicemultiverse.io.SafeWriteException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Formats alice does not write are refused with the reason, and the file stays byte-identical. */
class UnsupportedFormatsTest {
  @TempDir Path dir;

  /** An ftyp box with the given major brand, then a little more structure. */
  static byte[] isoFile(String brand) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ByteBuffer.allocate(20).putInt(20).put("ftyp".getBytes(StandardCharsets.ISO_8859_1))
        .put(brand.getBytes(StandardCharsets.ISO_8859_1)).putInt(0)
        .put(brand.getBytes(StandardCharsets.ISO_8859_1)).array());
    out.write(ByteBuffer.allocate(16).putInt(16).put("meta".getBytes(StandardCharsets.ISO_8859_1)).putLong(0).array());
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(strings = {"heic", "mif1", "avif"})
  void heifAndAvifImagesAreNotTakenForVideo(String brand) throws IOException {
    assertThat(Codecs.forHead(isoFile(brand))).get().isNotInstanceOf(IsoBmffCodec.class);
    Path file = dir.resolve("photo." + brand);
    byte[] original = isoFile(brand);
    Files.write(file, original);

    assertThatThrownBy(() -> MetadataEmbedder.embed(file, m -> m.withTag("style", "x")))
        .isInstanceOf(SafeWriteException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining((brand.equals("avif") ? "AVIF" : "HEIC") + " is read-only in alice");
    assertThat(Files.readAllBytes(file)).isEqualTo(original);
  }

  @Test
  void flacIsRefusedAndLeftAlone() throws IOException {
    Path file = dir.resolve("song.flac");
    byte[] original = "fLaC\0\0\0\1 not really a stream".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(file, original);

    assertThatThrownBy(() -> MetadataEmbedder.embed(file, m -> m.withTag("mood", "calm")))
        .hasMessageContaining("FLAC is read-only in alice");
    assertThat(Files.readAllBytes(file)).isEqualTo(original);
  }

  @Test
  void anMp4WithoutMediaTracksHasNoContentHash() throws IOException {
    byte[] mp4 = isoFile("isom");
    assertThat(Codecs.forHead(mp4)).isPresent();
    assertThatThrownBy(() -> MediaInspector.inspect(new BytesMediaSource(mp4), true))
        .isInstanceOf(CodecException.class)
        .isNotInstanceOf(UnsupportedFormatException.class);
  }
}
