package ai.alicemultiverse.codec.tiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.hash.ContentHash;
import ai.alicemultiverse.testing.HandMadeMedia;
import ai.alicemultiverse.testing.HandMadeMedia.Made;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The TIFF data ExifTool 13's ImageDataHash takes (Exif.pm): JPEGInterchangeFormat data outside IFD1,
 * Compression and NewSubfileType read afresh for every IFD, SubIFD2's JPEG strips, the text order of
 * the offset tags, and no hash at all for a TIFF without image data. Byte-exact against hand-made files.
 */
class TiffImageDataTest {
  private final TiffCodec codec = new TiffCodec();

  @Test
  void jpegInterchangeFormatDataInIfd0IsHashedAfterTheStrips() throws IOException {
    assertHashes(HandMadeMedia.tiffWithOtherImageInIfd0());
  }

  @Test
  void aLaterIfdWithJpegStripsAndNoNewSubfileTypeIsAPreviewAndTheThumbnailIsLeftOut() throws IOException {
    assertHashes(HandMadeMedia.tiffWithThumbnailAndLaterJpegPreview());
  }

  @Test
  void subIfdsComeFirstAndSubIfd2JpegStripsAndTagOrderFollowExifTool() throws IOException {
    assertHashes(HandMadeMedia.tiffWithSubIfds());
  }

  @Test
  void aTiffWhoseOnlyStripsAreAJpegPreviewHasNoContentHash() {
    Made made = HandMadeMedia.tiffWithOnlyAPreview();
    assertThatThrownBy(() -> codec.payload(new BytesMediaSource(made.bytes())))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("no image data to hash").hasMessageContaining("preview");
  }

  @Test
  void aTiffWithoutStripByteCountsHasNoContentHash() {
    Made made = HandMadeMedia.tiffWithoutStripByteCounts();
    assertThatThrownBy(() -> codec.payload(new BytesMediaSource(made.bytes())))
        .isInstanceOf(CodecException.class).hasMessageContaining("no image data to hash");
  }

  @Test
  void stripsOutsideTheFileAreAnError() {
    Made made = HandMadeMedia.tiffWithStripsOutsideTheFile();
    assertThatThrownBy(() -> codec.payload(new BytesMediaSource(made.bytes())))
        .isInstanceOf(CodecException.class).hasMessageContaining("runs past the end of the file");
  }

  @Test
  void chainNamesFollowExifTool() {
    assertThat(TiffWalker.nextName("IFD0")).isEqualTo("IFD1");
    assertThat(TiffWalker.nextName("SubIFD")).isEqualTo("SubIFD1");
    assertThat(TiffWalker.nextName("SubIFD9")).isEqualTo("SubIFD10");
  }

  private void assertHashes(Made made) throws IOException {
    BytesMediaSource source = new BytesMediaSource(made.bytes());
    assertThat(ContentHash.of(source, codec.payload(source))).as(made.name()).isEqualTo(expected(made));
  }

  static String expected(Made made) {
    ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
    for (ByteRange r : made.imageData()) {
      concatenated.write(made.bytes(), (int) r.offset(), (int) r.length());
    }
    try {
      return ContentHash.PREFIX + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(concatenated.toByteArray()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
