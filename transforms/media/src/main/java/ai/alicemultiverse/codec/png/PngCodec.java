package ai.alicemultiverse.codec.png;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.FrameSize;
import ai.alicemultiverse.codec.GeneratorTraces;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.XmpPacket;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * PNG: XMP lives in an {@code iTXt} chunk with keyword {@code XML:com.adobe.xmp}; the media is the
 * data of the IDAT chunks. Chunk walking and rewriting are hand-written byte handling, since no
 * library rewrites PNG chunks losslessly (image libraries re-encode the pixels).
 */
public final class PngCodec implements ContainerCodec {

  @Override
  public MediaFormat format(MediaSource source) {
    return MediaFormat.PNG;
  }

  @Override
  public boolean recognizes(byte[] head) {
    return head.length >= PngChunkReader.SIGNATURE.length
        && Arrays.equals(head, 0, PngChunkReader.SIGNATURE.length,
            PngChunkReader.SIGNATURE, 0, PngChunkReader.SIGNATURE.length);
  }

  /** The first XMP iTXt chunk, CRC-checked and inflated when compressed. */
  @Override
  public Optional<XmpPacket> readXmp(MediaSource source) throws IOException {
    for (PngChunk chunk : PngChunkReader.read(source)) {
      if (PngXmpChunk.isXmp(source, chunk)) {
        byte[] data = PngChunkReader.readVerifiedData(source, chunk, PngXmpChunk.MAX_XMP_BYTES + 64L); // + keyword and flags
        return Optional.of(XmpPacket.of(PngXmpChunk.decode(data, chunk.offset())));
      }
    }
    return Optional.empty();
  }

  @Override
  public int xmpPacketCount(MediaSource source) throws IOException {
    int count = 0;
    for (PngChunk chunk : PngChunkReader.read(source)) {
      if (PngXmpChunk.isXmp(source, chunk)) {
        count++;
      }
    }
    return count;
  }

  /** The data fields of all IDAT chunks in file order (what ExifTool's ImageDataHash hashes). */
  @Override
  public List<ByteRange> payload(MediaSource source) throws IOException {
    List<ByteRange> ranges = new ArrayList<>();
    for (PngChunk chunk : PngChunkReader.read(source)) {
      if (chunk.type().equals("IDAT")) {
        ranges.add(chunk.data());
      }
    }
    return ranges;
  }

  @Override
  public void writeXmp(MediaSource source, String xmpPacket, OutputStream out) throws IOException {
    List<PngChunk> chunks = PngChunkReader.read(source);
    PngWriter.write(source, chunks, PngXmpChunk.encode(xmpPacket), out);
  }
  /**
   * IHDR, which must come first (PNG 11.2.2): width(4) height(4) then bit depth, colour type... Read from
   * the chunk's own bytes, so a file whose other IHDR fields are invalid (an unknown colour type, which
   * image decoders refuse) still states its size.
   */
  @Override
  public Optional<FrameSize> frameSize(MediaSource source) throws IOException {
    PngChunk ihdr = PngChunkReader.read(source).get(0);
    ByteBuffer data = ByteBuffer.wrap(source.readFully(ihdr.data().offset(), 8));
    long width = Integer.toUnsignedLong(data.getInt(0));
    long height = Integer.toUnsignedLong(data.getInt(4));
    if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      return Optional.empty(); // PNG 11.2.2: 1 to 2^31-1
    }
    return Optional.of(new FrameSize((int) width, (int) height));
  }

  /** Generators leave their parameters in text chunks; C2PA leaves its manifest store in a {@code caBX} chunk. */
  @Override
  public GeneratorTraces generatorTraces(MediaSource source) throws IOException {
    PngTextChunks chunks = PngTextChunks.read(source);
    return new GeneratorTraces(chunks.texts(), null, chunks.hasChunk("caBX"));
  }

}
