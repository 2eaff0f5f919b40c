package ai.alicemultiverse.codec.wav;

import java.util.List;
import java.util.Optional;

/**
 * The top level of a RIFF/WAVE file.
 *
 * @param form "RIFF", or "RF64"/"BW64" for the 64-bit variant
 * @param riffEnd where the RIFF ends (8 + its size field); bytes after it are not part of it
 * @param chunks the top-level chunks in file order
 */
record RiffFile(String form, long riffEnd, List<RiffChunk> chunks) {
  RiffFile {
    chunks = List.copyOf(chunks);
  }

  boolean is64Bit() {
    return !"RIFF".equals(form);
  }

  Optional<RiffChunk> first(String id) {
    return chunks.stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
