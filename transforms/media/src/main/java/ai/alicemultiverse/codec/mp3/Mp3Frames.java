package ai.alicemultiverse.codec.mp3;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.ParserView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The first MPEG audio frames of an MP3 and the playing time they imply, so that Tika's MP3 parser
 * is shown the tags and a few frames instead of walking every frame of the file.
 *
 * <p>Duration: the frame count of a Xing/Info or VBRI header in the first frame (what encoders
 * write for exactly this purpose), else, for constant bit rate, the audio bytes over the bit rate.
 */
final class Mp3Frames {
  /** Frames shown to Tika: enough for its header checks, few enough to cost nothing. */
  static final int FRAMES_SHOWN = 4;
  /** How far into the audio range the first frame sync is looked for. */
  private static final int SYNC_WINDOW = 8192;

  /** Where the frames shown to Tika end, and the duration in seconds (null when unknown). */
  private record Found(long shownEnd, Double durationSeconds) {}

  private Mp3Frames() {}

  /** The leading ID3v2 tags, the first few frames, and the APE / ID3v1 tags after {@code audio}. */
  static ParserView view(MediaSource source, ByteRange audio) throws IOException {
    Found found = find(source, audio);
    List<ByteRange> keep = new ArrayList<>();
    keep.add(new ByteRange(0, Math.min(found.shownEnd(), source.size())));
    if (source.size() > audio.end()) {
      keep.add(new ByteRange(audio.end(), source.size() - audio.end()));
    }
    return ParserView.compact(keep).withDuration(found.durationSeconds());
  }

  /** Looks at the frames of {@code audio} (the range between the tags); reads a few KiB at most. */
  private static Found find(MediaSource source, ByteRange audio) throws IOException {
    int window = (int) Math.min(SYNC_WINDOW, audio.length());
    byte[] head = source.readFully(audio.offset(), window);
    int first = -1;
    MpegFrameHeader header = null;
    for (int i = 0; i + 4 <= head.length && header == null; i++) {
      header = MpegFrameHeader.parse(head, i);
      first = i;
    }
    if (header == null) {
      return new Found(audio.offset() + window, null);
    }
    long at = audio.offset() + first;
    long shownEnd = at;
    for (int i = 0; i < FRAMES_SHOWN && shownEnd + 4 <= audio.end(); i++) {
      MpegFrameHeader next = MpegFrameHeader.parse(source.readFully(shownEnd, 4), 0);
      if (next == null) {
        break;
      }
      shownEnd = Math.min(audio.end(), shownEnd + next.length());
    }
    return new Found(Math.max(shownEnd, at), duration(source, at, header, audio.end()));
  }

  private static Double duration(MediaSource source, long at, MpegFrameHeader header, long audioEnd)
      throws IOException {
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

  private static boolean tag(byte[] b, int at, String tag) {
    return new String(b, at, 4, StandardCharsets.ISO_8859_1).equals(tag);
  }

  private static int int32(byte[] b, int at) {
    return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
  }
}
