package ai.alicemultiverse.codec.isobmff;

import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample-entry codes of an ISO BMFF file's first video and sound tracks ({@code avc1},
 * {@code hvc1}, {@code mp4a}, …). Tika reports the encoder's free-text compressor name instead,
 * which is not what one searches by. Reads only {@code moov}.
 */
public final class TrackCodecs {
  /** The codes found, or null where the file has no such track. */
  public record Codes(String video, String audio) {}

  private record Box(String type, long payload, long end) {}

  private TrackCodecs() {}

  /*
   * moov/trak/mdia/hdlr: version+flags (4), pre_defined (4), handler_type (4: vide / soun).
   * moov/trak/mdia/minf/stbl/stsd: version+flags (4), entry_count (4), then the first sample
   * entry: size (4), format (4) — the codec code (ISO/IEC 14496-12 §8.4.3, §8.5.2).
   */
  public static Codes read(MediaSource source) throws IOException {
    String video = null;
    String audio = null;
    for (Box moov : children(source, 0, source.size(), "moov")) {
      for (Box trak : children(source, moov.payload(), moov.end(), "trak")) {
        for (Box mdia : children(source, trak.payload(), trak.end(), "mdia")) {
          String handler = null;
          for (Box hdlr : children(source, mdia.payload(), mdia.end(), "hdlr")) {
            handler = fourCc(source, hdlr.payload() + 8);
          }
          String code = null;
          for (Box minf : children(source, mdia.payload(), mdia.end(), "minf")) {
            for (Box stbl : children(source, minf.payload(), minf.end(), "stbl")) {
              for (Box stsd : children(source, stbl.payload(), stbl.end(), "stsd")) {
                if (stsd.end() - stsd.payload() >= 16) {
                  code = fourCc(source, stsd.payload() + 12);
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
    return new Codes(video, audio);
  }

  private static List<Box> children(MediaSource source, long from, long to, String type) throws IOException {
    List<Box> found = new ArrayList<>();
    long at = from;
    while (at + 8 <= to) {
      ByteBuffer header = ByteBuffer.wrap(source.readFully(at, (int) Math.min(16, to - at)));
      long size = Integer.toUnsignedLong(header.getInt(0));
      int headerSize = 8;
      if (size == 1 && header.capacity() >= 16) {
        size = header.getLong(8);
        headerSize = 16;
      } else if (size == 0) {
        size = to - at;
      }
      if (size < headerSize || at + size > to) {
        break; // damaged box: stop here, Tika's note will say more
      }
      if (type.equals(new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1))) {
        found.add(new Box(type, at + headerSize, at + size));
      }
      at += size;
    }
    return found;
  }

  private static String fourCc(MediaSource source, long offset) throws IOException {
    return new String(source.readFully(offset, 4), StandardCharsets.ISO_8859_1).trim();
  }
}
