package ai.alicemultiverse.codec.wav;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.ParserView;
import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.codec.riff.RiffChunk;
import ai.alicemultiverse.codec.riff.RiffFile;
import ai.alicemultiverse.codec.riff.RiffForm;
import ai.alicemultiverse.codec.riff.RiffReader;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
  /** WAVE_FORMAT_PCM, _IEEE_FLOAT, _ALAW, _MULAW (RFC 2361). */
  private static final Set<Integer> FIXED_FRAME_ENCODINGS = Set.of(1, 3, 6, 7);
  private static final int EXTENSIBLE = 0xFFFE;

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

  /**
   * The samples' playing time from the {@code fmt } chunk and the data size, for the encodings whose
   * frames have one size (PCM, IEEE float, A-law, µ-law, and WAVE_FORMAT_EXTENSIBLE over PCM or float,
   * what Java Sound reads); null for compressed encodings, whose header states an average rate only.
   */
  @Override
  public Double statedDurationSeconds(MediaSource source) throws IOException {
    RiffFile riff = RiffReader.read(source, FORM);
    Optional<RiffChunk> fmt = riff.first("fmt ");
    Optional<RiffChunk> data = riff.first("data");
    if (fmt.isEmpty() || data.isEmpty() || fmt.get().size() < 16) {
      return null;
    }
    byte[] f = source.readFully(fmt.get().dataOffset(), (int) Math.min(fmt.get().size(), 40));
    int encoding = uint16(f, 0);
    if (encoding == EXTENSIBLE && f.length >= 26) {
      encoding = uint16(f, 24); // the sub-format GUID starts with the encoding's tag
    }
    int channels = uint16(f, 2);
    long sampleRate = RiffReader.uint32(f, 4);
    int bits = uint16(f, 14);
    if (!FIXED_FRAME_ENCODINGS.contains(encoding) || channels == 0 || sampleRate == 0 || bits == 0) {
      return null;
    }
    long frames = data.get().size() / ((long) channels * ((bits + 7) / 8));
    return frames / (double) sampleRate;
  }

  private static int uint16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  @Override
  public void writeXmp(MediaSource source, String xmpPacket, OutputStream out)
      throws IOException {
    WavXmpWriter.write(source, RiffReader.read(source, FORM), xmpPacket, out);
  }

  /**
   * The chunks before the sample data, up to the data chunk's header (which gives its size), with the
   * size of the samples left out: a parser's sample rate, channels and bits give the duration from it.
   */
  @Override
  public ParserView parserView(MediaSource source) throws IOException {
    List<ByteRange> payload = payload(source);
    long dataStart = payload.isEmpty() ? source.size() : payload.get(0).offset();
    return ParserView.compact(List.of(new ByteRange(0, dataStart)))
        .withSampleDataBytes(payload.stream().mapToLong(ByteRange::length).sum());
  }
}
