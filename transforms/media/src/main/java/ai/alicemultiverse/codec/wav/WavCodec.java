package ai.alicemultiverse.codec.wav;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.codec.riff.RiffChunk;
import ai.alicemultiverse.codec.riff.RiffForm;
import ai.alicemultiverse.codec.riff.RiffReader;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * WAV: XMP lives in a top-level {@code _PMX} chunk (XMP Specification Part 3, §1.1.8: RIFF); the
 * payload is the {@code data} chunk's payload, as ExifTool's ImageDataHash defines it.
 *
 * <p>The RIFF structure is walked by hand ({@link RiffReader}, {@link WavXmpWriter}) so every
 * other chunk (LIST/INFO, id3, bext, cue...) is copied byte for byte. RF64 is read, not written.
 */
public final class WavCodec implements ContainerCodec {
  /**
   * RIFF/WAVE or RF64/BW64, read leniently: a missing pad byte after the last chunk and a tail too
   * short for a chunk header are common in WAV files and harmless.
   */
  static final RiffForm FORM = new RiffForm("WAVE", "WAV", true, false);

  @Override
  public MediaFormat format(MediaSource source) throws IOException {
    byte[] head = source.readFully(0, (int) Math.min(12, source.size()));
    if (!recognizes(head)) {
      throw new CodecException("not a WAV file: no RIFF/WAVE signature at byte 0");
    }
    return MediaFormat.WAV;
  }

  @Override
  public boolean recognizes(byte[] head) {
    return FORM.matches(head);
  }

  @Override
  public Optional<XmpPacket> readXmp(MediaSource source) throws IOException {
    Optional<RiffChunk> chunk = RiffReader.read(source, FORM).first(WavXmpWriter.XMP_CHUNK);
    if (chunk.isEmpty()) {
      return Optional.empty();
    }
    RiffChunk pmx = chunk.get();
    XmpPacket.requireWithinLimit(pmx.size(), "_PMX chunk at byte " + pmx.offset());
    byte[] data = source.readFully(pmx.dataOffset(), (int) pmx.size());
    return Optional.of(XmpPacket.of(XmpPacket.decode(data))); // some writers NUL-terminate the packet
  }

  @Override
  public List<ByteRange> payload(MediaSource source) throws IOException {
    RiffChunk data = RiffReader.read(source, FORM).first("data")
        .orElseThrow(() -> new CodecException("WAV file has no data chunk"));
    return List.of(new ByteRange(data.dataOffset(), data.size()));
  }

  @Override
  public void writeXmp(MediaSource source, String xmpPacket, OutputStream out)
      throws IOException {
    WavXmpWriter.write(source, RiffReader.read(source, FORM), xmpPacket, out);
  }
}
