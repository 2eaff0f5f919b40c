package ai.alicemultiverse.codec.webp;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.FrameSize;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.ParserView;
import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.codec.riff.RiffChunk;
import ai.alicemultiverse.codec.riff.RiffForm;
import ai.alicemultiverse.codec.riff.RiffReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * WebP: XMP lives in the {@code XMP } chunk of an extended (VP8X) file; the media is the image
 * chunks. RIFF walking and rewriting are hand-written byte handling, since no library rewrites WebP
 * chunks losslessly (image libraries re-encode).
 */
public final class WebpCodec implements ContainerCodec {
  /** RIFF/WEBP, read strictly: every chunk must end, pad byte included, inside the RIFF. */
  static final RiffForm FORM = new RiffForm("WEBP", "WebP", false, true);
  /** Chunks hashed for the content hash, as ExifTool's ImageDataHash picks them. */
  private static final Set<String> IMAGE_CHUNKS = Set.of("VP8 ", "VP8L", "ALPH", "ANIM", "ANMF");

  @Override
  public MediaFormat format(MediaSource source) {
    return MediaFormat.WEBP;
  }

  @Override
  public boolean recognizes(byte[] head) {
    return FORM.matches(head);
  }

  /** The first {@code XMP } chunk's data ({@link XmpPacket#decode}). */
  @Override
  public Optional<XmpPacket> readXmp(MediaSource source) throws IOException {
    for (RiffChunk chunk : RiffReader.read(source, FORM).chunks()) {
      if (chunk.fourCc().equals("XMP ")) {
        XmpPacket.requireWithinLimit(chunk.size(), "XMP chunk at byte " + chunk.offset());
        byte[] xml = source.readFully(chunk.dataOffset(), (int) chunk.size());
        return Optional.of(XmpPacket.of(XmpPacket.decode(xml)));
      }
    }
    return Optional.empty();
  }

  @Override
  public int xmpPacketCount(MediaSource source) throws IOException {
    int count = 0;
    for (RiffChunk chunk : RiffReader.read(source, FORM).chunks()) {
      if (chunk.fourCc().equals("XMP ")) {
        count++;
      }
    }
    return count;
  }

  /**
   * The data of the image chunks in file order. An odd-sized chunk's pad byte is included: ExifTool's
   * ImageDataHash reads the padded length, and the shared vectors (lossless.webp) were made that way.
   */
  @Override
  public List<ByteRange> payload(MediaSource source) throws IOException {
    List<ByteRange> ranges = new ArrayList<>();
    for (RiffChunk chunk : RiffReader.read(source, FORM).chunks()) {
      if (IMAGE_CHUNKS.contains(chunk.fourCc())) {
        ranges.add(chunk.paddedData());
      }
    }
    return ranges;
  }

  /**
   * The canvas: an extended file's VP8X chunk states it (flags(1) reserved(3) canvas width-1(3 LE) canvas
   * height-1(3 LE), RFC 9649 2.7), a simple file's VP8/VP8L bitstream header otherwise.
   */
  @Override
  public Optional<FrameSize> frameSize(MediaSource source) throws IOException {
    List<RiffChunk> chunks = RiffReader.read(source, FORM).chunks();
    if (chunks.isEmpty()) {
      return Optional.empty();
    }
    RiffChunk first = chunks.get(0);
    if (first.fourCc().equals("VP8X")) {
      if (first.size() < WebpWriter.VP8X_SIZE) {
        return Optional.empty();
      }
      byte[] data = source.readFully(first.dataOffset(), WebpWriter.VP8X_SIZE);
      return Optional.of(new FrameSize(uint24(data, 4) + 1, uint24(data, 7) + 1));
    }
    WebpCanvas canvas = WebpCanvas.of(source, first);
    return Optional.of(new FrameSize(canvas.width(), canvas.height()));
  }

  private static int uint24(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF) << 16;
  }

  @Override
  public void writeXmp(MediaSource source, String xmpPacket, OutputStream out) throws IOException {
    WebpWriter.write(source, RiffReader.read(source, FORM), xmpPacket.getBytes(StandardCharsets.UTF_8), out);
  }

  /** The whole file: the canvas size is in the VP8/VP8L bitstream header, inside the payload. */
  @Override
  public ParserView parserView(MediaSource source) throws IOException {
    payload(source); // the structure check every parser view starts with
    return ParserView.sparse(source.size(), List.of());
  }
}
