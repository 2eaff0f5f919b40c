package ai.alicemultiverse.codec.jpeg;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.CodecException;
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
import java.util.List;
import java.util.Optional;

/**
 * JPEG (ITU T.81 / JFIF): XMP in APP1 segments, standard and Extended (XMP Specification Part 3
 * (2016) 1.1.3), the media from the first SOS to the final EOI. The segment walking and writing
 * are hand-written byte work ({@link JpegSegmentReader}, {@link JpegWriter}); no library rewrites
 * JPEG headers losslessly. Stateless and thread-safe.
 */
public final class JpegCodec implements ContainerCodec {
  /** How far back from the end of file EOI is looked for; trailers longer than this are refused. */
  static final long MAX_EOI_SEARCH = 64L << 20;
  private static final int TAIL_CHUNK = 1 << 16;

  @Override
  public MediaFormat format(MediaSource source) throws IOException {
    long size = source.size();
    if (!recognizes(source.readFully(0, (int) Math.min(3, size)))) {
      throw new CodecException("not a JPEG file: no SOI marker (FF D8 FF) at byte 0");
    }
    return MediaFormat.JPEG;
  }

  @Override
  public boolean recognizes(byte[] head) {
    return JpegSegmentReader.hasSignature(head);
  }

  @Override
  public Optional<XmpPacket> readXmp(MediaSource source) throws IOException {
    JpegLayout layout = JpegSegmentReader.read(source);
    String main = null;
    List<ExtendedXmpAssembler.Chunk> chunks = new ArrayList<>();
    for (JpegSegment segment : layout.segments()) {
      JpegAppSegment kind = JpegAppSegment.of(source, segment);
      if (kind == JpegAppSegment.XMP && main == null) {
        main = readStandard(source, segment);
      } else if (kind == JpegAppSegment.EXTENDED_XMP) {
        chunks.add(ExtendedXmpAssembler.readChunk(source, segment));
      }
    }
    if (main == null) {
      return Optional.empty();
    }
    Optional<String> guid = ExtendedXmpAssembler.guidNamedIn(main);
    String extended =
        guid.isPresent() ? ExtendedXmpAssembler.assemble(source, chunks, guid.get()) : null;
    return Optional.of(new XmpPacket(main, extended));
  }

  /** Standard XMP APP1 segments; Extended XMP chunks are parts of one packet, not packets of their own. */
  @Override
  public int xmpPacketCount(MediaSource source) throws IOException {
    int count = 0;
    for (JpegSegment segment : JpegSegmentReader.read(source).segments()) {
      if (JpegAppSegment.of(source, segment) == JpegAppSegment.XMP) {
        count++;
      }
    }
    return count;
  }

  /**
   * APP1 payload = "http://ns.adobe.com/xap/1.0/\0" + the packet (UTF-8 mostly, UTF-16/32 allowed: {@link
   * XmpPacket#decode}; some writers add a NUL).
   */
  private static String readStandard(MediaSource source, JpegSegment segment) throws IOException {
    int headerLength = JpegAppSegment.XMP.headerLength();
    byte[] packet = source.readFully(segment.payloadOffset() + headerLength,
        (int) segment.payloadLength() - headerLength);
    return XmpPacket.decode(packet);
  }

  /**
   * The media: from the first SOS marker ({@code FF DA}) up to, not including, the final EOI
   * ({@code FF D9}), the last one in the file, found by reading the tail backwards.
   */
  @Override
  public List<ByteRange> payload(MediaSource source) throws IOException {
    JpegSegment sos = JpegSegmentReader.read(source).sos();
    long eoi = findLastEoi(source, sos.end());
    return List.of(new ByteRange(sos.markerOffset(), eoi - sos.markerOffset()));
  }

  /** Offset of the last {@code FF D9} at or after {@code from}, scanning back from end of file. */
  private static long findLastEoi(MediaSource source, long from) throws IOException {
    long size = source.size();
    long floor = Math.max(from, size - MAX_EOI_SEARCH);
    long end = size; // bytes [end, size) are searched already
    while (end - floor >= 2) {
      long start = Math.max(floor, end - TAIL_CHUNK);
      // One byte of overlap with the chunk searched before, so a marker split across is found.
      long stop = Math.min(size, end + 1);
      byte[] tail = source.readFully(start, (int) (stop - start));
      for (int i = tail.length - 2; i >= 0; i--) {
        if ((tail[i] & 0xFF) == 0xFF && (tail[i + 1] & 0xFF) == JpegSegment.EOI) {
          return start + i;
        }
      }
      end = start;
    }
    throw new CodecException("JPEG has no EOI marker (FF D9) between the SOS data at byte " + from
        + " and the end of file at byte " + size
        + (floor > from ? " (searched the last " + MAX_EOI_SEARCH + " bytes)" : ""));
  }

  @Override
  public void writeXmp(MediaSource source, String xmpPacket, OutputStream out) throws IOException {
    ExtendedXmpSplitter.Parts parts = ExtendedXmpSplitter.split(xmpPacket);
    JpegLayout layout = JpegSegmentReader.read(source);
    JpegWriter.write(source, layout, parts, out);
  }
  /**
   * The frame header (SOFn: any of C0-CF but DHT C4, JPG C8 and DAC CC), ITU T.81 B.2.2:
   * precision(1) lines(2) samples per line(2) ... A frame whose line count is 0 states it in a DNL
   * marker after the first scan; it is not looked for, so such a frame states no size here.
   */
  @Override
  public Optional<FrameSize> frameSize(MediaSource source) throws IOException {
    for (JpegSegment segment : JpegSegmentReader.read(source).segments()) {
      if (JpegSegment.isFrameHeader(segment.marker()) && segment.payloadLength() >= 5) {
        ByteBuffer header = ByteBuffer.wrap(source.readFully(segment.payloadOffset(), 5));
        int height = Short.toUnsignedInt(header.getShort(1));
        int width = Short.toUnsignedInt(header.getShort(3));
        return width == 0 || height == 0 ? Optional.empty() : Optional.of(new FrameSize(width, height));
      }
    }
    return Optional.empty();
  }

  @Override
  public GeneratorTraces generatorTraces(MediaSource source) throws IOException {
    JpegGeneratorSegments segments = JpegGeneratorSegments.read(source);
    return new GeneratorTraces(List.of(), segments.userComment(), segments.hasC2pa());
  }

}
