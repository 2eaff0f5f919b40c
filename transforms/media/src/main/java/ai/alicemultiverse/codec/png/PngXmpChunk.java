package ai.alicemultiverse.codec.png;

import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The {@code iTXt} chunk that carries XMP, keyword {@code XML:com.adobe.xmp} (XMP Specification
 * Part 3, 1.1.5: PNG).
 */
final class PngXmpChunk {
  static final String KEYWORD = "XML:com.adobe.xmp";
  /** Keyword plus its NUL separator: what an XMP iTXt chunk's data starts with. */
  private static final byte[] PREFIX = (KEYWORD + '\0').getBytes(StandardCharsets.ISO_8859_1);
  /** Cap on metadata read from the file and on inflated XMP text. */
  /** The XMP packet bound; a chunk's data is at most this plus its keyword and flags (checked before reading). */
  static final int MAX_XMP_BYTES = ai.alicemultiverse.codec.XmpPacket.MAX_BYTES;

  private PngXmpChunk() {}

  /** True when {@code chunk} is an iTXt whose keyword is the XMP one (reads 18 bytes). */
  static boolean isXmp(MediaSource source, PngChunk chunk) throws IOException {
    return chunk.type().equals("iTXt")
        && chunk.length() >= PREFIX.length
        && Arrays.equals(source.readFully(chunk.dataOffset(), PREFIX.length), PREFIX);
  }

  /**
   * Decodes the XMP text of an iTXt chunk's data.
   *
   * <pre>
   * keyword(1-79 Latin-1) 00 compression-flag(1: 0|1) compression-method(1: 0 = zlib)
   * language-tag(ASCII) 00 translated-keyword(UTF-8) 00 text(UTF-8, zlib stream when flag = 1)
   * </pre>
   * (PNG spec, ISO/IEC 15948, 11.3.4.5)
   */
  static String decode(byte[] data, long chunkOffset) throws CodecException {
    int position = PREFIX.length;
    if (data.length < position + 2) {
      throw new CodecException("PNG iTXt at byte " + chunkOffset + " is truncated after its keyword");
    }
    int flag = data[position++] & 0xFF;
    int method = data[position++] & 0xFF;
    position = skipNulTerminated(data, position, chunkOffset, "language tag");
    position = skipNulTerminated(data, position, chunkOffset, "translated keyword");
    byte[] text = Arrays.copyOfRange(data, position, data.length);
    if (flag == 1) {
      if (method != 0) {
        throw new CodecException(
            "PNG iTXt at byte " + chunkOffset + " uses unknown compression method " + method);
      }
      text = inflate(text, chunkOffset);
    } else if (flag != 0) {
      throw new CodecException(
          "PNG iTXt at byte " + chunkOffset + " has invalid compression flag " + flag);
    }
    return new String(text, StandardCharsets.UTF_8);
  }

  /** A complete uncompressed XMP iTXt chunk: length, type, data, CRC. */
  static byte[] encode(String xml) throws CodecException {
    byte[] text = xml.getBytes(StandardCharsets.UTF_8);
    // keyword NUL, flag 0 (uncompressed), method 0, empty language tag NUL, empty translated keyword NUL
    long length = (long) PREFIX.length + 4 + text.length;
    // also keeps the whole chunk within one Java array
    if (length > PngChunkReader.MAX_CHUNK_LENGTH - PngChunk.OVERHEAD - 8) {
      throw new CodecException("XMP packet of " + text.length + " bytes is too large for a PNG chunk");
    }
    int dataLength = (int) length;
    ByteBuffer chunk = ByteBuffer.allocate(dataLength + PngChunk.OVERHEAD);
    chunk.putInt(dataLength);
    chunk.put("iTXt".getBytes(StandardCharsets.US_ASCII));
    chunk.put(PREFIX).put(new byte[] {0, 0, 0, 0}).put(text);
    CRC32 crc = new CRC32();
    crc.update(chunk.array(), 4, dataLength + 4);
    chunk.putInt((int) crc.getValue());
    return chunk.array();
  }

  private static int skipNulTerminated(byte[] data, int from, long chunkOffset, String field)
      throws CodecException {
    for (int i = from; i < data.length; i++) {
      if (data[i] == 0) {
        return i + 1;
      }
    }
    throw new CodecException(
        "PNG iTXt at byte " + chunkOffset + ": " + field + " is not NUL-terminated");
  }

  /** zlib inflate, refusing output beyond {@link #MAX_XMP_BYTES} (a zip bomb stops here). */
  private static byte[] inflate(byte[] compressed, long chunkOffset) throws CodecException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(compressed);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(compressed.length * 4, 1 << 20));
      byte[] buffer = new byte[64 << 10];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        // all input is given at once, so no output and no end means the stream is cut or needs a dictionary
        if (n == 0 && !inflater.finished()) {
          throw new CodecException(
              "PNG iTXt at byte " + chunkOffset + ": compressed XMP ends before its zlib stream does");
        }
        if (out.size() + n > MAX_XMP_BYTES) {
          throw new CodecException("PNG iTXt at byte " + chunkOffset
              + ": XMP inflates to more than " + MAX_XMP_BYTES + " bytes");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new CodecException(
          "PNG iTXt at byte " + chunkOffset + ": bad zlib data in compressed XMP", e);
    } finally {
      inflater.end();
    }
  }
}
