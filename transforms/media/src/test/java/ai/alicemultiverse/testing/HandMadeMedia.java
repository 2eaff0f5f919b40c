package ai.alicemultiverse.testing;

import static ai.alicemultiverse.testing.TiffBuilder.longs;
import static ai.alicemultiverse.testing.TiffBuilder.shorts;

import ai.alicemultiverse.codec.ByteRange;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Files whose layout a content-hash test must control byte for byte, with the ranges ExifTool 13's
 * ImageDataHash takes from them (Exif.pm's tag conditions, ExifTool.pm's JPEG walk).
 */
public final class HandMadeMedia {
  private static final int NEW_SUBFILE_TYPE = 254;
  private static final int WIDTH = 256;
  private static final int HEIGHT = 257;
  private static final int COMPRESSION = 259;
  private static final int STRIP_OFFSETS = 273;
  private static final int STRIP_BYTE_COUNTS = 279;
  private static final int SUB_IFDS = 330;
  private static final int JPEG_IF = 513;
  private static final int JPEG_IF_LENGTH = 514;
  private static final int HD_IMAGE_OFFSET = 48320;
  private static final int HD_IMAGE_BYTE_COUNT = 48321;

  private HandMadeMedia() {}

  /** A file and the ranges of it that ExifTool hashes, in hash order. */
  public record Made(String name, byte[] bytes, List<ByteRange> imageData) {}

  /** IFD0: strips, then JPEGInterchangeFormat data ExifTool calls OtherImage (hashed after the strips). */
  public static Made tiffWithOtherImageInIfd0() {
    TiffBuilder t = new TiffBuilder();
    byte[] strip = noise(48, 1);
    byte[] other = jpegLike(40, 2);
    long s = t.data(strip);
    long o = t.data(other);
    long ifd0 = t.ifd(shorts(WIDTH, 4), shorts(HEIGHT, 4), shorts(COMPRESSION, 1),
        longs(STRIP_OFFSETS, s), longs(STRIP_BYTE_COUNTS, strip.length),
        longs(JPEG_IF, o), longs(JPEG_IF_LENGTH, other.length));
    t.first(ifd0);
    return new Made("hand-otherimage-ifd0.tif", t.bytes(),
        List.of(new ByteRange(s, strip.length), new ByteRange(o, other.length)));
  }

  /**
   * IFD0 (NewSubfileType 0) strips; IFD1 a JPEG thumbnail through 0x201 (left out) and strips; IFD2
   * JPEG-compressed strips without NewSubfileType: ExifTool unsets NewSubfileType per IFD, so they are
   * a PreviewImage (left out), though IFD0 said 0; IFD3 the same with NewSubfileType 0 (hashed).
   */
  public static Made tiffWithThumbnailAndLaterJpegPreview() {
    TiffBuilder t = new TiffBuilder();
    byte[] main = noise(64, 3);
    byte[] thumb = jpegLike(30, 4);
    byte[] page2 = noise(24, 5);
    byte[] preview = jpegLike(36, 6);
    byte[] page4 = jpegLike(28, 7);
    long m = t.data(main);
    long th = t.data(thumb);
    long p2 = t.data(page2);
    long pv = t.data(preview);
    long p4 = t.data(page4);
    long ifd3 = t.ifd(longs(NEW_SUBFILE_TYPE, 0), shorts(WIDTH, 2), shorts(HEIGHT, 2),
        shorts(COMPRESSION, 7), longs(STRIP_OFFSETS, p4), longs(STRIP_BYTE_COUNTS, page4.length));
    long ifd2 = t.ifd(shorts(WIDTH, 2), shorts(HEIGHT, 2), shorts(COMPRESSION, 7),
        longs(STRIP_OFFSETS, pv), longs(STRIP_BYTE_COUNTS, preview.length));
    long ifd1 = t.ifd(shorts(WIDTH, 2), shorts(HEIGHT, 2), shorts(COMPRESSION, 1),
        longs(STRIP_OFFSETS, p2), longs(STRIP_BYTE_COUNTS, page2.length),
        longs(JPEG_IF, th), longs(JPEG_IF_LENGTH, thumb.length));
    long ifd0 = t.ifd(longs(NEW_SUBFILE_TYPE, 0), shorts(WIDTH, 4), shorts(HEIGHT, 4),
        shorts(COMPRESSION, 1), longs(STRIP_OFFSETS, m), longs(STRIP_BYTE_COUNTS, main.length));
    t.first(ifd0).link(ifd0, 6, ifd1).link(ifd1, 7, ifd2).link(ifd2, 5, ifd3);
    return new Made("hand-thumbnail-later-preview.tif", t.bytes(), List.of(
        new ByteRange(m, main.length), new ByteRange(p2, page2.length), new ByteRange(p4, page4.length)));
  }

  /**
   * IFD0 holds three SubIFDs and its own data. SubIFD: JPEG strips with NewSubfileType 1 (PreviewImage,
   * left out); SubIFD1: JPEGInterchangeFormat data (OtherImage); SubIFD2: JPEG strips with
   * NewSubfileType 1, which ExifTool calls JpgFromRaw there (hashed). IFD0's own data follows its
   * SubIFDs' and comes in the text order of its tag numbers: 273 (strips), 48320 (HD Photo), 513.
   */
  public static Made tiffWithSubIfds() {
    TiffBuilder t = new TiffBuilder();
    byte[] preview = jpegLike(26, 8);
    byte[] other = jpegLike(22, 9);
    byte[] raw = jpegLike(34, 10);
    byte[] main = noise(40, 11);
    byte[] hd = noise(18, 12);
    byte[] jpeg = jpegLike(20, 13);
    long pv = t.data(preview);
    long ot = t.data(other);
    long rw = t.data(raw);
    long mn = t.data(main);
    long hdAt = t.data(hd);
    long jp = t.data(jpeg);
    long sub0 = t.ifd(longs(NEW_SUBFILE_TYPE, 1), shorts(COMPRESSION, 7),
        longs(STRIP_OFFSETS, pv), longs(STRIP_BYTE_COUNTS, preview.length));
    long sub1 = t.ifd(longs(NEW_SUBFILE_TYPE, 1), longs(JPEG_IF, ot), longs(JPEG_IF_LENGTH, other.length));
    long sub2 = t.ifd(longs(NEW_SUBFILE_TYPE, 1), shorts(COMPRESSION, 7),
        longs(STRIP_OFFSETS, rw), longs(STRIP_BYTE_COUNTS, raw.length));
    long ifd0 = t.ifd(longs(NEW_SUBFILE_TYPE, 0), shorts(WIDTH, 4), shorts(HEIGHT, 4),
        shorts(COMPRESSION, 1), longs(STRIP_OFFSETS, mn), longs(STRIP_BYTE_COUNTS, main.length),
        longs(SUB_IFDS, sub0, sub1, sub2), longs(JPEG_IF, jp), longs(JPEG_IF_LENGTH, jpeg.length),
        longs(HD_IMAGE_OFFSET, hdAt), longs(HD_IMAGE_BYTE_COUNT, hd.length));
    t.first(ifd0);
    return new Made("hand-subifds.tif", t.bytes(), List.of(
        new ByteRange(ot, other.length), new ByteRange(rw, raw.length), new ByteRange(mn, main.length),
        new ByteRange(hdAt, hd.length), new ByteRange(jp, jpeg.length)));
  }

  /** Only JPEG strips without NewSubfileType: a PreviewImage to ExifTool, no image data at all. */
  public static Made tiffWithOnlyAPreview() {
    TiffBuilder t = new TiffBuilder();
    byte[] preview = jpegLike(30, 14);
    long pv = t.data(preview);
    long ifd0 = t.ifd(shorts(WIDTH, 4), shorts(HEIGHT, 4), shorts(COMPRESSION, 7),
        longs(STRIP_OFFSETS, pv), longs(STRIP_BYTE_COUNTS, preview.length));
    t.first(ifd0);
    return new Made("hand-only-preview.tif", t.bytes(), List.of());
  }

  /** Strips that all start past the end of the file. */
  public static Made tiffWithStripsOutsideTheFile() {
    TiffBuilder t = new TiffBuilder();
    long ifd0 = t.ifd(shorts(WIDTH, 4), shorts(HEIGHT, 4), shorts(COMPRESSION, 1),
        longs(STRIP_OFFSETS, 100_000, 100_100), longs(STRIP_BYTE_COUNTS, 100, 100));
    t.first(ifd0);
    return new Made("hand-strips-outside.tif", t.bytes(), List.of());
  }

  /** Strips without StripByteCounts: nothing to pair the offsets with, so no image data. */
  public static Made tiffWithoutStripByteCounts() {
    TiffBuilder t = new TiffBuilder();
    byte[] strip = noise(48, 15);
    long s = t.data(strip);
    long ifd0 = t.ifd(shorts(WIDTH, 4), shorts(HEIGHT, 4), shorts(COMPRESSION, 1), longs(STRIP_OFFSETS, s));
    t.first(ifd0);
    return new Made("hand-no-bytecounts.tif", t.bytes(), List.of());
  }

  /** A PNG with its header and end but no IDAT chunk. */
  public static Made pngWithoutIdat() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    out.writeBytes(pngChunk("IHDR", ByteBuffer.allocate(13).putInt(4).putInt(4).put((byte) 8)
        .put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array()));
    out.writeBytes(pngChunk("IEND", new byte[0]));
    return new Made("hand-no-idat.png", out.toByteArray(), List.of());
  }

  /**
   * {@code baseline} (a one-scan JPEG without restart markers) with its height moved to a DNL segment
   * before EOI, as T.81 allows: the data chunk that DNL ends is left out by ExifTool, and so is what
   * follows DNL.
   */
  public static Made withDnl(String name, byte[] baseline) {
    int sof = indexOf(baseline, 0xC0);
    int height = ((baseline[sof + 5] & 0xFF) << 8) | (baseline[sof + 6] & 0xFF);
    byte[] file = new byte[baseline.length + 6];
    int eoi = baseline.length - 2;
    System.arraycopy(baseline, 0, file, 0, eoi);
    file[sof + 5] = 0;
    file[sof + 6] = 0;
    byte[] dnl = {(byte) 0xFF, (byte) 0xDC, 0, 4, (byte) (height >> 8), (byte) height, (byte) 0xFF, (byte) 0xD9};
    System.arraycopy(dnl, 0, file, eoi, dnl.length);
    int sos = indexOf(file, 0xDA);
    int lastStuffing = -1;
    for (int i = sos + 2; i < eoi - 1; i++) {
      if ((file[i] & 0xFF) == 0xFF && file[i + 1] == 0) {
        lastStuffing = i;
      }
    }
    List<ByteRange> hashed = lastStuffing < 0 ? List.of() : List.of(new ByteRange(sos, lastStuffing - sos));
    return new Made(name, file, hashed);
  }

  /** The offset of the first {@code FF marker} in the header of a JPEG. */
  private static int indexOf(byte[] jpeg, int marker) {
    int at = 2;
    while (at + 4 <= jpeg.length) {
      int code = jpeg[at + 1] & 0xFF;
      if (code == marker) {
        return at;
      }
      at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
    }
    throw new IllegalArgumentException(String.format("no FF%02X in the JPEG header", marker));
  }

  private static byte[] pngChunk(String type, byte[] data) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    crc.update(typeBytes);
    crc.update(data);
    return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
        .putInt((int) crc.getValue()).array();
  }

  private static byte[] noise(int length, int seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Bytes that start and end like a JPEG (ExifTool does not decode what it hashes). */
  private static byte[] jpegLike(int length, int seed) {
    byte[] bytes = noise(length, seed);
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xD8;
    bytes[length - 2] = (byte) 0xFF;
    bytes[length - 1] = (byte) 0xD9;
    return bytes;
  }

  /** Every hand-made TIFF and PNG above. */
  public static List<Made> all() {
    List<Made> all = new ArrayList<>(List.of(tiffWithOtherImageInIfd0(), tiffWithThumbnailAndLaterJpegPreview(),
        tiffWithSubIfds(), tiffWithOnlyAPreview(), tiffWithStripsOutsideTheFile(), tiffWithoutStripByteCounts(),
        pngWithoutIdat()));
    return all;
  }
}
