package ai.alicemultiverse.codec.isobmff;

import ai.alicemultiverse.codec.FrameSize;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The frame size of a movie's first video track: its track header's width and height (the presentation
 * size), or where those are 0 its first visual sample entry's (the coded size).
 */
final class VideoFrameSize {
  private VideoFrameSize() {}

  static Optional<FrameSize> read(MovieFile file) throws IOException {
    for (Track track : file.tracks()) {
      if (track.handler().equals("vide")) {
        Optional<FrameSize> size = trackHeader(file.reader(), track).or(() -> sampleEntry(file.reader(), track));
        if (size.isPresent()) {
          return size;
        }
      }
    }
    return Optional.empty();
  }

  /*
   * Track header box 'tkhd', ISO/IEC 14496-12 §8.3.2: version(1) flags(3), then times and ids (20 bytes in
   * version 0, 32 in version 1), reserved(8) layer(2) alternate_group(2) volume(2) reserved(2) matrix(36),
   * width(4) height(4) as 16.16 fixed point.
   */
  private static Optional<FrameSize> trackHeader(BoxReader reader, Track track) {
    try {
      Optional<Box> tkhd = reader.path(track.trak(), "tkhd");
      if (tkhd.isEmpty() || tkhd.get().payloadSize() < 84) {
        return Optional.empty();
      }
      ByteBuffer payload = ByteBuffer.wrap(reader.payload(tkhd.get()));
      int at = payload.get(0) == 1 ? 88 : 76;
      if (payload.capacity() < at + 8) {
        return Optional.empty();
      }
      return positive(payload.getInt(at) >>> 16, payload.getInt(at + 4) >>> 16);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /*
   * Sample description box 'stsd', §8.5.2: version+flags(4) entry_count(4), then the first entry: size(4)
   * format(4) reserved(6) data_reference_index(2), and for a visual entry (§12.1.3) pre_defined(2)
   * reserved(2) pre_defined(12) width(2) height(2).
   */
  private static Optional<FrameSize> sampleEntry(BoxReader reader, Track track) {
    try {
      Optional<Box> stsd = track.sampleTable().isEmpty() ? Optional.empty()
          : reader.path(track.sampleTable().get(), "stsd");
      if (stsd.isEmpty() || stsd.get().payloadSize() < 44) {
        return Optional.empty();
      }
      ByteBuffer entry = ByteBuffer.wrap(reader.payload(stsd.get()));
      return positive(Short.toUnsignedInt(entry.getShort(40)), Short.toUnsignedInt(entry.getShort(42)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<FrameSize> positive(int width, int height) {
    return width > 0 && height > 0 ? Optional.of(new FrameSize(width, height)) : Optional.empty();
  }
}
