package ai.alicemultiverse.codec;

import java.util.List;

/**
 * What a container holds for generator import outside its XMP.
 *
 * @param texts the PNG text chunks ({@code tEXt}, {@code zTXt}, {@code iTXt}) but the XMP one, in file
 *     order; no other container has keyword/text pairs
 * @param userComment a JPEG's EXIF {@code UserComment} (where the Stable Diffusion web UI writes its
 *     parameters), or null
 * @param c2pa true when the file carries a C2PA manifest store
 */
public record GeneratorTraces(List<Text> texts, String userComment, boolean c2pa) {
  /** A container without any of these. */
  public static final GeneratorTraces NONE = new GeneratorTraces(List.of(), null, false);

  /** One text chunk: its keyword and its text. */
  public record Text(String keyword, String text) {}

  public GeneratorTraces {
    texts = List.copyOf(texts);
  }

  /** The text of the first chunk with {@code keyword} (exact, case-sensitive as PNG keywords are), or null. */
  public String text(String keyword) {
    for (Text t : texts) {
      if (t.keyword().equals(keyword)) {
        return t.text();
      }
    }
    return null;
  }
}
