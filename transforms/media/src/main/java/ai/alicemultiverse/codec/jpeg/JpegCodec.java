package ai.alicemultiverse.codec.jpeg;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JPEG (ITU T.81 / JFIF): XMP in APP1 segments, standard and Extended (XMP Specification Part 3
 * (2016) 1.1.3); the media is the entropy-coded data ExifTool's ImageDataHash takes
 * ({@link JpegImageData}). The segment walking and writing are hand-written byte work
 * ({@link JpegSegmentReader}, {@link JpegWriter}); no library rewrites JPEG headers losslessly. Stateless and thread-safe.
 */
public final class JpegCodec implements ContainerCodec {
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
   * The media as ExifTool 13's ImageDataHash takes it: the entropy-coded chunks from the first SOS to
   * the first EOI that end at a marker without a length field ({@link JpegImageData}).
   */
  @Override
  public List<ByteRange> payload(MediaSource source) throws IOException {
    return JpegImageData.ranges(source, JpegSegmentReader.read(source).sos());
  }

  /**
   * The header segments and the SOS marker that ends them: all a metadata parser reads (it stops at
   * SOS), without the walk through the image data that {@link #payload} needs.
   */
  @Override
  public ParserView parserView(MediaSource source) throws IOException {
    JpegSegment sos = JpegSegmentReader.read(source).sos();
    return ParserView.compact(List.of(new ByteRange(0, sos.markerOffset() + 2)));
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
