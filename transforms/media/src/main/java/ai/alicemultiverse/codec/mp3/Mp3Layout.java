package ai.alicemultiverse.codec.mp3;

import java.util.List;

/**
 * Where the parts of an MP3 file are: the ID3v2 tags at the start, then the audio frames in
 * {@code [audioStart, audioEnd)}, then an optional APE tag and ID3v1 block up to the end.
 */
record Mp3Layout(List<Id3v2Header> leadingTags, long audioStart, long audioEnd) {
  Mp3Layout {
    leadingTags = List.copyOf(leadingTags);
  }
}
