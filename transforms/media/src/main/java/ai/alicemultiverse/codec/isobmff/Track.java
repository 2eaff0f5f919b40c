package ai.alicemultiverse.codec.isobmff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code trak} of a movie: its number in {@code trak} order (1-based, as ExifTool counts), its
 * handler type ({@code vide}, {@code soun}, {@code tmcd}, ...) and its sample table box.
 */
record Track(int number, String handler, Box trak, Optional<Box> sampleTable) {

  boolean isAudioOrVideo() {
    return handler.equals("vide") || handler.equals("soun");
  }

  /** Every {@code trak} of {@code moov}, in file order. */
  static List<Track> readAll(BoxReader reader, Box moov) throws IOException {
    List<Track> tracks = new ArrayList<>();
    for (Box box : reader.children(moov)) {
      if (box.is("trak")) {
        tracks.add(new Track(tracks.size() + 1, handler(reader, box), box,
            reader.path(box, "mdia", "minf", "stbl")));
      }
    }
    return tracks;
  }

  /*
   * Handler reference box 'hdlr', ISO/IEC 14496-12 §8.4.3 (QuickTime: component type/subtype):
   *   version+flags u32, pre_defined (QT: component type) u32, handler_type 4cc, reserved, name
   * Only mdia/hdlr names the media; QuickTime's minf/hdlr is the data handler ('alis', 'url ').
   */
  private static String handler(BoxReader reader, Box trak) throws IOException {
    Optional<Box> hdlr = reader.path(trak, "mdia", "hdlr");
    if (hdlr.isEmpty() || hdlr.get().payloadSize() < 12) {
      return "";
    }
    byte[] payload = reader.payload(hdlr.get());
    return new String(payload, 8, 4, StandardCharsets.ISO_8859_1);
  }
}
