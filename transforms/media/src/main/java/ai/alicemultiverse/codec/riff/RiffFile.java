package ai.alicemultiverse.codec.riff;

import java.util.List;
import java.util.Optional;

/**
 * The top level of a RIFF file.
 *
 * @param form "RIFF", or "RF64"/"BW64" for the 64-bit variant
 * @param riffEnd where the RIFF data ends ({@code 8 + size}); bytes after it are a trailer
 * @param chunks the top-level chunks in file order
 */
public record RiffFile(String form, long riffEnd, List<RiffChunk> chunks) {
  public RiffFile {
    chunks = List.copyOf(chunks);
  }

  public boolean is64Bit() {
    return !"RIFF".equals(form);
  }

  public Optional<RiffChunk> first(String fourCc) {
    return chunks.stream().filter(c -> c.fourCc().equals(fourCc)).findFirst();
  }
}
