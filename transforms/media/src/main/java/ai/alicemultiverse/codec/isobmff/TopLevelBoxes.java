package ai.alicemultiverse.codec.isobmff;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The top-level boxes of an ISO BMFF file that hold metadata: everything but the media data,
 * padding and the XMP box. Tika's MP4 parser reads boxes in sequence and would otherwise read a
 * 4 GB {@code mdat} through; it never follows chunk offsets, so it can be shown these boxes alone.
 * alice reads the XMP itself: a second parse of it by Tika cost more than all the other boxes.
 */
final class TopLevelBoxes {
  private static final Set<String> MEDIA_OR_PADDING = Set.of("mdat", "free", "skip", "wide");

  private TopLevelBoxes() {}

  static List<ByteRange> metadataBoxes(MediaSource source) throws IOException {
    BoxReader reader = new BoxReader(source);
    long size = reader.size();
    List<ByteRange> keep = new ArrayList<>();
    long at = 0;
    while (at + 8 <= size) {
      Optional<Box> box = reader.stepHeader(at, size);
      if (box.isEmpty()) {
        keep.add(new ByteRange(at, size - at)); // damaged: let Tika see the rest and report it
        break;
      }
      if (!MEDIA_OR_PADDING.contains(box.get().type()) && !isXmp(box.get())) {
        keep.add(new ByteRange(at, box.get().size()));
      }
      at = box.get().end();
    }
    return keep;
  }

  /** The XMP {@code uuid} box as the XMP specification writes it: with a 32-bit size. */
  private static boolean isXmp(Box box) {
    return box.isXmpUuid() && !box.largeSize();
  }
}
