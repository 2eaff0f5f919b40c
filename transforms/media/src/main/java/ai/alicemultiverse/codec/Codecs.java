package ai.alicemultiverse.codec;

import ai.alicemultiverse.codec.isobmff.IsoBmffCodec;
import ai.alicemultiverse.codec.jpeg.JpegCodec;
import ai.alicemultiverse.codec.mp3.Mp3Codec;
import ai.alicemultiverse.codec.png.PngCodec;
import ai.alicemultiverse.codec.tiff.TiffCodec;
import ai.alicemultiverse.codec.wav.WavCodec;
import ai.alicemultiverse.codec.webp.WebpCodec;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Finds the codec for a file by its magic bytes (never by its name). */
public final class Codecs {
  public static final int HEAD_LENGTH = 64;

  // Order matters only where signatures overlap: MP3 frame sync is the loosest, so it goes last.
  private static final List<ContainerCodec> ALL = List.of(
      new JpegCodec(),
      new PngCodec(),
      new WebpCodec(),
      new WavCodec(),
      new TiffCodec(),
      new IsoBmffCodec(),
      new Mp3Codec());

  private Codecs() {}

  public static List<ContainerCodec> all() {
    return ALL;
  }

  /** The codec whose signature matches {@code head}, the first bytes of a file. */
  public static Optional<ContainerCodec> forHead(byte[] head) {
    for (ContainerCodec codec : ALL) {
      if (codec.recognizes(head)) {
        return Optional.of(codec);
      }
    }
    return Optional.empty();
  }

  /** The codec for {@code source}, or {@link UnsupportedFormatException}. */
  public static ContainerCodec forSource(MediaSource source) throws IOException {
    long size = source.size();
    byte[] head = source.readFully(0, (int) Math.min(HEAD_LENGTH, size));
    return forHead(head)
        .orElseThrow(() -> new UnsupportedFormatException("unsupported format (unknown signature)"));
  }
}
