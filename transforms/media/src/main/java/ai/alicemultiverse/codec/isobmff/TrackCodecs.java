package ai.alicemultiverse.codec.isobmff;

import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.TrackCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sample-entry codes of an ISO BMFF file's first video and sound tracks ({@code avc1},
 * {@code hvc1}, {@code mp4a}, …). Tika reports the encoder's free-text compressor name instead,
 * which is not what one searches by. Reads only {@code moov}.
 */
final class TrackCodecs {
  private TrackCodecs() {}

  /*
   * moov/trak/mdia/hdlr: version+flags (4), pre_defined (4), handler_type (4: vide / soun).
   * moov/trak/mdia/minf/stbl/stsd: version+flags (4), entry_count (4), then the first sample
   * entry: size (4), format (4) — the codec code (ISO/IEC 14496-12 §8.4.3, §8.5.2).
   */
  static TrackCodes read(MediaSource source) throws IOException {
    BoxReader reader = new BoxReader(source);
    String video = null;
    String audio = null;
    for (Box moov : children(reader, 0, reader.size(), "moov")) {
      for (Box trak : children(reader, moov, "trak")) {
        for (Box mdia : children(reader, trak, "mdia")) {
          String handler = null;
          for (Box hdlr : children(reader, mdia, "hdlr")) {
            handler = fourCc(source, hdlr.payloadOffset() + 8);
          }
          String code = null;
          for (Box minf : children(reader, mdia, "minf")) {
            for (Box stbl : children(reader, minf, "stbl")) {
              for (Box stsd : children(reader, stbl, "stsd")) {
                if (stsd.payloadSize() >= 16) {
                  code = fourCc(source, stsd.payloadOffset() + 12);
                }
              }
            }
          }
          if ("vide".equals(handler) && video == null) {
            video = code;
          } else if ("soun".equals(handler) && audio == null) {
            audio = code;
          }
        }
      }
    }
    return new TrackCodes(video, audio);
  }

  /** The boxes of {@code type} in [from, to), up to the first damaged one (Tika's note will say more). */
  private static List<Box> children(BoxReader reader, long from, long to, String type) throws IOException {
    List<Box> found = new ArrayList<>();
    long at = from;
    while (at + 8 <= to) {
      Optional<Box> box = reader.stepHeader(at, to);
      if (box.isEmpty()) {
        break;
      }
      if (box.get().is(type)) {
        found.add(box.get());
      }
      at = box.get().end();
    }
    return found;
  }

  private static List<Box> children(BoxReader reader, Box parent, String type) throws IOException {
    return children(reader, parent.payloadOffset(), parent.end(), type);
  }

  private static String fourCc(MediaSource source, long offset) throws IOException {
    return new String(source.readFully(offset, 4), StandardCharsets.ISO_8859_1).trim();
  }
}
