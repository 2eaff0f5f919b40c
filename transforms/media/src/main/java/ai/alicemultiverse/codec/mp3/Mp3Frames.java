package ai.alicemultiverse.codec.mp3;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The first MPEG audio frames of an MP3 and the playing time they imply, so that Tika's MP3 parser
 * is shown the tags and a few frames instead of walking every frame of the file.
 *
 * <p>Duration: the frame count of a Xing/Info or VBRI header in the first frame (what encoders
 * write for exactly this purpose), else, for constant bit rate, the audio bytes over the bit rate.
 */
public final class Mp3Frames {
  /** Frames shown to Tika: enough for its header checks, few enough to cost nothing. */
  static final int FRAMES_SHOWN = 4;
  /** How far into the audio range the first frame sync is looked for. */
  private static final int SYNC_WINDOW = 8192;

  private static final int[] RATES_V1 = {44100, 48000, 32000};
  private static final int[][] BITRATES = {
      {32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}, // V1 L1
      {32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384}, // V1 L2
      {32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}, // V1 L3
      {32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256}, // V2 L1
      {8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}, // V2 L2, L3
  };

  /** Where the frames shown to Tika end, and the duration in seconds (null when unknown). */
  public record Found(long shownEnd, Double durationSeconds) {}

  /** One MPEG audio frame header (ISO/IEC 11172-3 §2.4.2.3, ISO/IEC 13818-3 and MPEG 2.5). */
  private record Header(boolean mpeg1, int layer, int bitrateKbps, int sampleRate, boolean mono, int length) {
    int samples() {
      return layer == 1 ? 384 : layer == 2 || mpeg1 ? 1152 : 576;
    }

    /** Where a Xing/Info tag starts: after the header and the layer III side information. */
    int xingOffset() {
      return 4 + (mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17));
    }
  }

  private Mp3Frames() {}

  /** Looks at the frames of {@code audio} (the range between the tags); reads a few KiB at most. */
  public static Found find(MediaSource source, ByteRange audio) throws IOException {
    int window = (int) Math.min(SYNC_WINDOW, audio.length());
    byte[] head = source.readFully(audio.offset(), window);
    int first = -1;
    Header header = null;
    for (int i = 0; i + 4 <= head.length && header == null; i++) {
      header = header(head, i);
      first = i;
    }
    if (header == null) {
      return new Found(audio.offset() + window, null);
    }
    long at = audio.offset() + first;
    long shownEnd = at;
    for (int i = 0; i < FRAMES_SHOWN && shownEnd + 4 <= audio.end(); i++) {
      Header next = header(source.readFully(shownEnd, 4), 0);
      if (next == null) {
        break;
      }
      shownEnd = Math.min(audio.end(), shownEnd + next.length());
    }
    return new Found(Math.max(shownEnd, at), duration(source, at, header, audio.end()));
  }

  private static Double duration(MediaSource source, long at, Header header, long audioEnd) throws IOException {
    int probe = (int) Math.min(header.length(), audioEnd - at);
    byte[] frame = source.readFully(at, Math.max(0, probe));
    long frames = -1;
    int xing = header.xingOffset();
    if (frame.length >= xing + 12 && (tag(frame, xing, "Xing") || tag(frame, xing, "Info"))
        && (int32(frame, xing + 4) & 1) != 0) {
      frames = int32(frame, xing + 8) & 0xFFFF_FFFFL;
    } else if (frame.length >= 36 + 18 && tag(frame, 36, "VBRI")) {
      frames = int32(frame, 36 + 14) & 0xFFFF_FFFFL;
    }
    if (frames > 0) {
      return frames * (double) header.samples() / header.sampleRate();
    }
    return (audioEnd - at) * 8.0 / (header.bitrateKbps() * 1000.0);
  }

  private static Header header(byte[] b, int i) {
    if (i + 4 > b.length || (b[i] & 0xFF) != 0xFF || (b[i + 1] & 0xE0) != 0xE0) {
      return null;
    }
    int version = (b[i + 1] >> 3) & 3; // 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5, 1 reserved
    int layerBits = (b[i + 1] >> 1) & 3; // 3 layer I, 2 layer II, 1 layer III
    int bitrateIndex = (b[i + 2] & 0xFF) >> 4;
    int rateIndex = (b[i + 2] >> 2) & 3;
    if (version == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
      return null;
    }
    boolean mpeg1 = version == 3;
    int layer = 4 - layerBits;
    int table = mpeg1 ? layer - 1 : layer == 1 ? 3 : 4;
    int bitrate = BITRATES[table][bitrateIndex - 1];
    int rate = RATES_V1[rateIndex] >> (version == 3 ? 0 : version == 2 ? 1 : 2);
    int padding = (b[i + 2] >> 1) & 1;
    boolean mono = ((b[i + 3] & 0xFF) >> 6) == 3;
    int length = layer == 1
        ? (12 * bitrate * 1000 / rate + padding) * 4
        : (mpeg1 || layer == 2 ? 144 : 72) * bitrate * 1000 / rate + padding;
    return length < 4 ? null : new Header(mpeg1, layer, bitrate, rate, mono, length);
  }

  private static boolean tag(byte[] b, int at, String tag) {
    return new String(b, at, 4, StandardCharsets.ISO_8859_1).equals(tag);
  }

  private static int int32(byte[] b, int at) {
    return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
  }
}
