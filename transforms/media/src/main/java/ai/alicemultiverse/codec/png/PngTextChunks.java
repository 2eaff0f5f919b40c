package ai.alicemultiverse.codec.png;

import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.GeneratorTraces.Text;
import ai.alicemultiverse.codec.MediaSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Read-only access to a PNG's text chunks ({@code tEXt}, {@code zTXt}, {@code iTXt}) and the set of
 * chunk types present. Generators leave their parameters here (Stable Diffusion web UI
 * {@code parameters}, ComfyUI {@code prompt} / {@code workflow}); C2PA leaves a {@code caBX} chunk.
 * The XMP iTXt is left to {@link PngCodec}. Damaged text chunks are skipped, never fatal: this is
 * extra information, the file stays usable without it.
 */
final class PngTextChunks {
  /** Cap per text chunk, stored and inflated: ComfyUI workflows run to a few hundred KiB. */
  static final int MAX_TEXT_BYTES = 8 << 20;

  private final List<Text> texts;
  private final Set<String> chunkTypes;

  private PngTextChunks(List<Text> texts, Set<String> chunkTypes) {
    this.texts = List.copyOf(texts);
    this.chunkTypes = Set.copyOf(chunkTypes);
  }

  /** Walks the chunks (headers only) and decodes every text chunk but the XMP one. */
  static PngTextChunks read(MediaSource source) throws IOException {
    List<Text> texts = new ArrayList<>();
    Set<String> types = new LinkedHashSet<>();
    for (PngChunk chunk : PngChunkReader.read(source)) {
      types.add(chunk.type());
      boolean text = chunk.type().equals("tEXt") || chunk.type().equals("zTXt") || chunk.type().equals("iTXt");
      if (!text || PngXmpChunk.isXmp(source, chunk) || chunk.length() > MAX_TEXT_BYTES) {
        continue;
      }
      try {
        byte[] data = PngChunkReader.readVerifiedData(source, chunk, MAX_TEXT_BYTES);
        texts.add(decode(chunk.type(), data, chunk.offset()));
      } catch (CodecException damaged) {
        // a bad CRC or a broken zlib stream: that chunk's text is lost, the rest is still read
      }
    }
    return new PngTextChunks(texts, types);
  }

  /** Every text chunk in file order. */
  List<Text> texts() {
    return texts;
  }

  /** True when a chunk of this type is present (e.g. {@code caBX}, the C2PA manifest store). */
  boolean hasChunk(String type) {
    return chunkTypes.contains(type);
  }

  /*
   * PNG spec (ISO/IEC 15948) 11.3.4:
   *   tEXt  keyword(1-79 Latin-1) 00 text(Latin-1)
   *   zTXt  keyword 00 method(1: 0 = zlib) compressed-text(Latin-1)
   *   iTXt  keyword 00 flag(1) method(1) language-tag 00 translated-keyword(UTF-8) 00 text(UTF-8, zlib if flag = 1)
   */
  static Text decode(String type, byte[] data, long offset) throws CodecException {
    int nul = indexOf(data, 0);
    if (nul <= 0) {
      throw new CodecException("PNG " + type + " at byte " + offset + " has no keyword");
    }
    String keyword = new String(data, 0, nul, StandardCharsets.ISO_8859_1);
    int position = nul + 1;
    switch (type) {
      case "tEXt":
        return new Text(keyword, new String(data, position, data.length - position, StandardCharsets.ISO_8859_1));
      case "zTXt":
        if (position >= data.length || data[position] != 0) {
          throw new CodecException("PNG zTXt at byte " + offset + " uses an unknown compression method");
        }
        return new Text(keyword, new String(
            inflate(Arrays.copyOfRange(data, position + 1, data.length), offset), StandardCharsets.ISO_8859_1));
      default: // iTXt
        if (position + 2 > data.length) {
          throw new CodecException("PNG iTXt at byte " + offset + " is truncated after its keyword");
        }
        int flag = data[position];
        position += 2;
        int language = indexOf(data, position);
        int translated = language < 0 ? -1 : indexOf(data, language + 1);
        if (translated < 0) {
          throw new CodecException("PNG iTXt at byte " + offset + " has an unterminated language tag or keyword");
        }
        byte[] text = Arrays.copyOfRange(data, translated + 1, data.length);
        if (flag == 1) {
          text = inflate(text, offset);
        }
        return new Text(keyword, new String(text, StandardCharsets.UTF_8));
    }
  }

  private static int indexOf(byte[] data, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  /** zlib inflate bounded by {@link #MAX_TEXT_BYTES}. */
  private static byte[] inflate(byte[] compressed, long offset) throws CodecException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(compressed);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[32 << 10];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && !inflater.finished()) {
          throw new CodecException("PNG text chunk at byte " + offset + ": zlib stream ends early");
        }
        if (out.size() + n > MAX_TEXT_BYTES) {
          throw new CodecException("PNG text chunk at byte " + offset + " inflates past " + MAX_TEXT_BYTES + " bytes");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new CodecException("PNG text chunk at byte " + offset + ": bad zlib data", e);
    } finally {
      inflater.end();
    }
  }
}
