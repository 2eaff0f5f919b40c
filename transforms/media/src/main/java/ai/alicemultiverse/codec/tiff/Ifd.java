package ai.alicemultiverse.codec.tiff;

import ai.alicemultiverse.codec.ByteRange;
import java.util.List;
import java.util.Optional;

/**
 * One Image File Directory as read from the file.
 *
 * @param offset absolute offset of the entry count
 * @param entries the entries in stored order
 * @param nextOffset the next IFD in the chain, 0 at the end
 * @param size bytes the directory itself occupies (count + entries + next pointer)
 */
record Ifd(long offset, List<IfdEntry> entries, long nextOffset, long size) {

  Optional<IfdEntry> find(int tag) {
    return entries.stream().filter(e -> e.tag() == tag).findFirst();
  }

  ByteRange span() {
    return new ByteRange(offset, size);
  }
}
