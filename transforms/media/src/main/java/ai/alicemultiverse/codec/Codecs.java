package ai.alicemultiverse.codec;

import ai.alicemultiverse.codec.avi.AviCodec;
import ai.alicemultiverse.codec.isobmff.HeifCodec;
import ai.alicemultiverse.codec.isobmff.IsoBmffCodec;
import ai.alicemultiverse.codec.jpeg.JpegCodec;
import ai.alicemultiverse.codec.mp3.Mp3Codec;
import ai.alicemultiverse.codec.png.PngCodec;
import ai.alicemultiverse.codec.tiff.TiffCodec;
import ai.alicemultiverse.codec.wav.WavCodec;
import ai.alicemultiverse.codec.webp.WebpCodec;
import ai.alicemultiverse.codec.wholefile.WholeFileCodec;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Finds the codec for a file by its magic bytes (never by its name). */
public final class Codecs {
  public static final int HEAD_LENGTH = 64;

  private static final ContainerCodec JPEG = new JpegCodec();
  private static final ContainerCodec PNG = new PngCodec();
  private static final ContainerCodec WEBP = new WebpCodec();
  private static final ContainerCodec WAV = new WavCodec();
  private static final ContainerCodec TIFF = new TiffCodec();
  private static final ContainerCodec ISO_BMFF = new IsoBmffCodec();
  private static final ContainerCodec MP3 = new Mp3Codec();
  private static final ContainerCodec HEIF = new HeifCodec();
  private static final ContainerCodec AVI = new AviCodec();
  private static final ContainerCodec WHOLE_FILE = new WholeFileCodec();

  // Order matters only where signatures overlap: a Canon CR2 starts like a TIFF, so the read-only
  // signatures go first; MP3 frame sync is the loosest, so it goes last.
  private static final List<ContainerCodec> ALL =
      List.of(JPEG, PNG, WEBP, WAV, AVI, WHOLE_FILE, TIFF, HEIF, ISO_BMFF, MP3);

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

  /** The codec that handles {@code format} (one for MP4, MOV and M4A). */
  public static ContainerCodec forFormat(MediaFormat format) {
    return switch (format) {
      case JPEG -> JPEG;
      case PNG -> PNG;
      case WEBP -> WEBP;
      case WAV -> WAV;
      case TIFF -> TIFF;
      case MP4, MOV, M4A -> ISO_BMFF;
      case MP3 -> MP3;
      case HEIC, AVIF -> HEIF;
      case AVI -> AVI;
      case GIF, BMP, FLAC, OGG, MKV, WEBM -> WHOLE_FILE;
      case DNG, CAMERA_RAW -> WholeFileCodec.of(format);
    };
  }

  /** The codec for {@code source}, or {@link UnsupportedFormatException}. */
  public static ContainerCodec forSource(MediaSource source) throws IOException {
    long size = source.size();
    byte[] head = source.readFully(0, (int) Math.min(HEAD_LENGTH, size));
    ContainerCodec codec = forHead(head)
        .orElseThrow(() -> new UnsupportedFormatException("unsupported format (unknown signature)"));
    if (codec == TIFF) {
      MediaFormat format = codec.format(source);
      if (!format.writable()) {
        return WholeFileCodec.of(format); // a camera's raw file is a TIFF alice reads only
      }
    }
    return codec;
  }
}
