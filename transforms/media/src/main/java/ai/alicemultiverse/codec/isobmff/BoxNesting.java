package ai.alicemultiverse.codec.isobmff;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Measures how deeply container boxes nest before Tika's MP4 parser is shown them. That parser
 * (metadata-extractor's {@code Mp4Reader}) recurses once per container level: 5,000 nested
 * {@code trak} boxes (53 KB) overflow a thread's stack. Real files nest about eight levels; the walk
 * here keeps its own stack, so it has no depth limit of its own.
 */
final class BoxNesting {
  /** Far above any real file (moov/trak/mdia/minf/stbl/stsd/... is about 8), far below a stack's reach. */
  static final int MAX_DEPTH = 32;

  /** Every box type a reader may descend into (ISO/IEC 14496-12, QuickTime, iTunes metadata). */
  private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "meta", "udta",
      "edts", "dinf", "mvex", "moof", "traf", "mfra", "tref", "ilst", "sinf", "schi", "gmhd", "tapt", "clip",
      "matt", "rinf", "strk", "strd", "iprp", "ipco", "meco", "grpl", "trgr", "stsd", "wave", "ipro");

  private BoxNesting() {}

  /** @throws CodecException if container boxes inside {@code boxes} nest deeper than {@link #MAX_DEPTH} */
  static void check(MediaSource source, List<ByteRange> boxes) throws IOException {
    BoxReader reader = new BoxReader(source);
    for (ByteRange top : boxes) {
      checkRange(reader, source, top.offset(), top.end());
    }
  }

  /** One level being walked: where the next box starts and where the level ends. */
  private record Level(long at, long end) {}

  private static void checkRange(BoxReader reader, MediaSource source, long start, long end) throws IOException {
    Deque<Level> open = new ArrayDeque<>();
    long at = start;
    long levelEnd = end;
    while (true) {
      if (at + 8 > levelEnd) {
        if (open.isEmpty()) {
          return;
        }
        Level parent = open.pop();
        at = parent.at();
        levelEnd = parent.end();
        continue;
      }
      Optional<Box> box = reader.stepHeader(at, levelEnd);
      if (box.isEmpty()) {
        at = levelEnd; // not boxes (or damaged): nothing more to descend into at this level
        continue;
      }
      if (!CONTAINERS.contains(box.get().type())) {
        at = box.get().end();
        continue;
      }
      if (open.size() + 1 > MAX_DEPTH) {
        throw new CodecException("boxes nested deeper than " + MAX_DEPTH + " levels (at byte " + at + ")");
      }
      open.push(new Level(box.get().end(), levelEnd));
      // a full box (ISO meta, stsd) has 4 bytes of version and flags, stsd 4 more of entry count: the
      // walk reads on from just past the header either way, and a first "box" that does not fit stops it
      levelEnd = box.get().end();
      at = box.get().payloadOffset() + childOffset(source, box.get().type(), box.get().payloadOffset(), levelEnd);
    }
  }

  /** Bytes between a container's header and its first child. */
  private static long childOffset(MediaSource source, String type, long body, long end) throws IOException {
    if (type.equals("stsd")) {
      return 8;
    }
    if (type.equals("meta") && body + 4 <= end && ByteBuffer.wrap(source.readFully(body, 4)).getInt() == 0) {
      return 4; // ISO meta is a full box; QuickTime's is not (its first child's size is never 0)
    }
    return 0;
  }
}
