package ai.alicemultiverse.codec.png;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.FrameSize;
import ai.alicemultiverse.codec.GeneratorTraces;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.ParserView;
import ai.alicemultiverse.codec.XmpPacket;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

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

  /**
   * The data fields of all IDAT chunks in file order (what ExifTool's ImageDataHash hashes). A file
   * without image data is refused: it has no identity of its own.
   */
  @Override
  public List<ByteRange> payload(MediaSource source) throws IOException {
    List<ByteRange> ranges = idatData(source);
    if (ranges.stream().mapToLong(ByteRange::length).sum() == 0) {
      throw new CodecException(ranges.isEmpty()
          ? "PNG has no IDAT chunk: no image data to hash"
          : "PNG has only empty IDAT chunks: no image data to hash");
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

  /**
   * Every chunk but the image data, in file order, with one empty IDAT standing in for the IDAT
   * chunks: a PNG reader meets a well-formed file and reads the chunks after the image data too.
   * The payload is the data fields of the IDAT chunks, which follow each other (PNG §5.6).
   */
  @Override
  public ParserView parserView(MediaSource source) throws IOException {
    List<ByteRange> idatData = idatData(source); // a file without image data still shows its chunks
    if (idatData.isEmpty()) {
      return ParserView.compact(List.of(new ByteRange(0, source.size())));
    }
    long firstChunk = idatData.get(0).offset() - 8; // length(4) type(4)
    long afterLast = idatData.get(idatData.size() - 1).end() + 4; // CRC(4)
    List<ParserView.Piece> pieces = new ArrayList<>();
    pieces.add(ParserView.Piece.file(0, firstChunk));
    pieces.add(ParserView.Piece.of(EMPTY_IDAT));
    if (source.size() > afterLast) {
      pieces.add(ParserView.Piece.file(afterLast, source.size() - afterLast));
    }
    return ParserView.spliced(pieces);
  }

  private static final byte[] EMPTY_IDAT = emptyChunk("IDAT");

  private static byte[] emptyChunk(String type) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(name);
    return ByteBuffer.allocate(PngChunk.OVERHEAD).putInt(0).put(name).putInt((int) crc.getValue()).array();
  }

  /** The data fields of the IDAT chunks, in file order (none in a file without image data). */
  private static List<ByteRange> idatData(MediaSource source) throws IOException {
    List<ByteRange> ranges = new ArrayList<>();
    for (PngChunk chunk : PngChunkReader.read(source)) {
      if (chunk.type().equals("IDAT")) {
        ranges.add(chunk.data());
      }
    }
    return ranges;
  }
}
