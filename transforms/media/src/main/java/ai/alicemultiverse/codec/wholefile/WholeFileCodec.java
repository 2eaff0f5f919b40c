package ai.alicemultiverse.codec.wholefile;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.UnsupportedFormatException;
import ai.alicemultiverse.codec.XmpPacket;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Read-only formats without an ImageDataHash definition: the content hash is the SHA-256 of the whole
 * file ({@link #hashesWholeFile()}), so any edit of the file, metadata included, makes it a new asset.
 * The format is told by the signature alone; TIFF-based RAW and DNG come here from the TIFF codec.
 */
public final class WholeFileCodec implements ContainerCodec {
  private static final int EBML_DOC_TYPE = 0x4282;
  /** DIB header sizes of the BMP versions (BITMAPCOREHEADER … BITMAPV5HEADER, OS/2 2.x). */
  private static final List<Integer> DIB_HEADERS = List.of(12, 16, 40, 52, 56, 64, 108, 124);

  /** The format another codec found (a TIFF that is DNG or RAW), or null to tell it by the signature. */
  private final MediaFormat known;

  /** Tells the format by the file's signature. */
  public WholeFileCodec() {
    this(null);
  }

  private WholeFileCodec(MediaFormat known) {
    this.known = known;
  }

  /** For a file another codec has recognised as {@code format} (DNG, a TIFF-based RAW). */
  public static WholeFileCodec of(MediaFormat format) {
    return new WholeFileCodec(format);
  }

  @Override
  public boolean recognizes(byte[] head) {
    return formatOf(head).isPresent();
  }

  @Override
  public MediaFormat format(MediaSource source) throws IOException {
    if (known != null) {
      return known;
    }
    byte[] head = source.readFully(0, (int) Math.min(64, source.size()));
    return formatOf(head).orElseThrow(() -> new CodecException("no FLAC, Ogg, Matroska, GIF, BMP or RAW signature"));
  }

  /** The format a file's first bytes (up to 64) name, if it is one of this codec's. */
  static Optional<MediaFormat> formatOf(byte[] head) {
    if (startsWith(head, 0, "fLaC")) {
      return Optional.of(MediaFormat.FLAC);
    }
    if (startsWith(head, 0, "OggS")) {
      return Optional.of(MediaFormat.OGG);
    }
    if (head.length >= 4 && (head[0] & 0xff) == 0x1A && (head[1] & 0xff) == 0x45 && (head[2] & 0xff) == 0xDF
        && (head[3] & 0xff) == 0xA3) {
      return Optional.of(isWebm(head) ? MediaFormat.WEBM : MediaFormat.MKV);
    }
    if (startsWith(head, 0, "GIF87a") || startsWith(head, 0, "GIF89a")) {
      return Optional.of(MediaFormat.GIF);
    }
    if (startsWith(head, 0, "BM") && head.length >= 18 && DIB_HEADERS.contains(littleEndian32(head, 14))) {
      return Optional.of(MediaFormat.BMP);
    }
    if (isCameraRaw(head)) {
      return Optional.of(MediaFormat.CAMERA_RAW);
    }
    return Optional.empty();
  }

  /*
   * Camera RAW signatures that are not plain TIFF: Canon CR2 ("II*\0" + "CR" at byte 8), Canon CR3
   * (ISO BMFF brand "crx "), Olympus ORF ("IIRO", "IIRS", "MMOR"), Panasonic RW2 ("IIU\0"), Fujifilm
   * RAF ("FUJIFILMCCD-RAW").
   */
  private static boolean isCameraRaw(byte[] head) {
    return (startsWith(head, 0, "II*\0") && startsWith(head, 8, "CR"))
        || (startsWith(head, 4, "ftyp") && startsWith(head, 8, "crx "))
        || startsWith(head, 0, "IIRO") || startsWith(head, 0, "IIRS") || startsWith(head, 0, "MMOR")
        || startsWith(head, 0, "IIU\0") || startsWith(head, 0, "FUJIFILMCCD-RAW");
  }

  /** The EBML header's DocType element (ID 0x4282) says "webm"; Matroska otherwise. */
  private static boolean isWebm(byte[] head) {
    for (int at = 4; at + 7 <= head.length; at++) {
      if ((((head[at] & 0xff) << 8) | (head[at + 1] & 0xff)) == EBML_DOC_TYPE && (head[at + 2] & 0xff) == 0x84) {
        return startsWith(head, at + 3, "webm");
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] head, int at, String ascii) {
    byte[] expected = ascii.getBytes(StandardCharsets.ISO_8859_1);
    return head.length >= at + expected.length
        && Arrays.equals(head, at, at + expected.length, expected, 0, expected.length);
  }

  private static int littleEndian32(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
  }

  @Override
  public boolean hashesWholeFile() {
    return true;
  }

  @Override
  public Optional<XmpPacket> readXmp(MediaSource source) {
    return Optional.empty();
  }

  @Override
  public List<ByteRange> payload(MediaSource source) throws IOException {
    long size = source.size();
    if (size == 0) {
      throw new CodecException("empty file: nothing to hash");
    }
    return List.of(new ByteRange(0, size));
  }

  @Override
  public void writeXmp(MediaSource source, String xmpPacket, OutputStream out) throws IOException {
    throw new UnsupportedFormatException(format(source).readOnlyReason());
  }
}
