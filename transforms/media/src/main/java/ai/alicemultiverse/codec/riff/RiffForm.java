package ai.alicemultiverse.codec.riff;

import java.nio.charset.StandardCharsets;

/**
 * What a codec expects of a RIFF file: the form type after the size field, a name for messages,
 * whether the 64-bit RF64/BW64 variant is read, and how strictly the chunk list is checked.
 *
 * @param formType the FourCC at byte 8 ("WEBP", "WAVE")
 * @param name the format as messages name it ("WebP", "WAV")
 * @param allow64Bit also accept "RF64"/"BW64" with a {@code ds64} chunk (EBU Tech 3306)
 * @param strict every chunk, pad byte included, must end inside the RIFF, no stray bytes may
 *     follow the last chunk and there must be at least one chunk. Lenient reading (WAV files in the
 *     wild) lets the last chunk's pad byte run past the RIFF end and ignores a tail too short for
 *     a chunk header.
 */
public record RiffForm(String formType, String name, boolean allow64Bit, boolean strict) {

  /** True for "RIFF" (or an accepted 64-bit form) ???? formType at the start of {@code head}. */
  public boolean matches(byte[] head) {
    if (head.length < 12) {
      return false;
    }
    String form = ascii(head, 0);
    boolean formOk = "RIFF".equals(form)
        || (allow64Bit && ("RF64".equals(form) || "BW64".equals(form)));
    return formOk && formType.equals(ascii(head, 8));
  }

  static String ascii(byte[] b, int at) {
    return new String(b, at, 4, StandardCharsets.ISO_8859_1);
  }
}
