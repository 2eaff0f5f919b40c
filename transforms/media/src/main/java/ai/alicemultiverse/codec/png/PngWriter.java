package ai.alicemultiverse.codec.png;

import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes a PNG again with one new XMP iTXt chunk right after IHDR (where ExifTool puts it; before
 * IDAT as the XMP spec asks) and every other chunk copied byte for byte, CRC included. Old XMP
 * iTXt chunks are dropped; bytes after IEND are kept as they were.
 */
final class PngWriter {
  private PngWriter() {}

  static void write(MediaSource source, List<PngChunk> chunks, byte[] xmpChunk, OutputStream out)
      throws IOException {
    out.write(PngChunkReader.SIGNATURE);
    for (PngChunk chunk : chunks) {
      if (PngXmpChunk.isXmp(source, chunk)) {
        continue;
      }
      source.copyTo(chunk.whole(), out);
      if (chunk.type().equals("IHDR")) {
        out.write(xmpChunk);
      }
    }
    long end = chunks.get(chunks.size() - 1).whole().end();
    source.copyTo(end, source.size() - end, out);
  }
}
