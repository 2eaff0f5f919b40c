package ai.alicemultiverse.codec.mp3;

import java.util.List;

/**
 * One parsed ID3v2 tag.
 *
 * @param header the tag header
 * @param body the tag body (everything after the header, up to the footer); for a v2.2/v2.3 tag
 *     with the unsynchronisation flag, the body with unsynchronisation undone
 * @param extendedHeaderLength bytes of extended header at the start of {@code body}
 * @param frames the frames, in order
 * @param framesEnd where the frames end in {@code body}; padding follows
 * @param cleanPadding true when every byte from {@code framesEnd} to the end of the body is zero
 */
record Id3v2Tag(
    Id3v2Header header,
    byte[] body,
    int extendedHeaderLength,
    List<Id3Frame> frames,
    int framesEnd,
    boolean cleanPadding) {
  Id3v2Tag {
    frames = List.copyOf(frames);
  }

  /** File offset of a position in the body (for error messages). */
  long fileOffset(int bodyPosition) {
    return header.offset() + Id3v2Header.LENGTH + bodyPosition;
  }
}
