package ai.alicemultiverse.generators;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * Builds files the way generators write them: PNG text chunks inserted before IEND (tEXt for the
 * web UI and ComfyUI, iTXt / zTXt for others, caBX for C2PA), JPEG APP1 Exif and APP11 segments.
 */
final class GeneratedFiles {
  private GeneratedFiles() {}

  static byte[] tEXt(String keyword, String text) {
    return chunk("tEXt", concat(latin1(keyword), new byte[] {0}, latin1(text)));
  }

  static byte[] zTXt(String keyword, String text) {
    return chunk("zTXt", concat(latin1(keyword), new byte[] {0, 0}, deflate(latin1(text))));
  }

  static byte[] iTXt(String keyword, String text, boolean compressed) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    return chunk("iTXt", concat(latin1(keyword), new byte[] {0, (byte) (compressed ? 1 : 0), 0, 0, 0},
        compressed ? deflate(body) : body));
  }

  static byte[] chunk(String type, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(12 + data.length);
    b.putInt(data.length).put(latin1(type)).put(data);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 4, 4 + data.length);
    b.putInt((int) crc.getValue());
    return b.array();
  }

  /** {@code png} with {@code chunks} inserted just before its IEND chunk (the last 12 bytes). */
  static byte[] withChunks(byte[] png, byte[]... chunks) {
    int iend = png.length - 12;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, iend);
    for (byte[] c : chunks) {
      out.writeBytes(c);
    }
    out.write(png, iend, 12);
    return out.toByteArray();
  }

  /** {@code jpeg} with {@code segments} (complete, marker included) inserted right after SOI. */
  static byte[] withSegments(byte[] jpeg, byte[]... segments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    for (byte[] s : segments) {
      out.writeBytes(s);
    }
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  static byte[] segment(int marker, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(4 + payload.length);
    b.put((byte) 0xFF).put((byte) marker).putShort((short) (payload.length + 2)).put(payload);
    return b.array();
  }

  /**
   * An APP1 Exif segment whose Exif IFD holds only a UserComment, as piexif writes it for the web UI:
   * "UNICODE\0" then UTF-16BE, in a big-endian TIFF.
   */
  static byte[] exifUserComment(String comment) {
    byte[] text = concat(latin1("UNICODE\0"), comment.getBytes(StandardCharsets.UTF_16BE));
    ByteBuffer tiff = ByteBuffer.allocate(8 + 18 + 18 + text.length);
    tiff.put(latin1("MM")).putShort((short) 42).putInt(8);
    // IFD0 at 8: one entry, ExifIFD pointer (0x8769, LONG) -> 26
    tiff.putShort((short) 1).putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(26).putInt(0);
    // Exif IFD at 26: one entry, UserComment (0x9286, UNDEFINED) -> 44
    tiff.putShort((short) 1).putShort((short) 0x9286).putShort((short) 7).putInt(text.length).putInt(44).putInt(0);
    tiff.put(text);
    return segment(0xE1, concat(latin1("Exif\0\0"), tiff.array()));
  }

  /** An APP11 segment starting a JUMBF superbox labelled c2pa (C2PA in JPEG). */
  static byte[] app11C2pa() {
    byte[] jumd = concat(new byte[] {0, 0, 0, 30}, latin1("jumd"), new byte[16], new byte[] {3}, latin1("c2pa\0"));
    byte[] jumb = concat(new byte[] {0, 0, 0, (byte) (8 + jumd.length)}, latin1("jumb"), jumd);
    return segment(0xEB, concat(latin1("JP"), new byte[] {0, 1, 0, 0, 0, 1}, jumb));
  }

  static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] deflate(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
      z.write(data);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
