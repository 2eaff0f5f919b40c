package ai.alicemultiverse.codec.isobmff;

import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;

/**
 * Read-only facts about an MP4 / MOV / M4A file beyond its XMP: the movie duration (from
 * {@code moov/mvhd}) and whether a C2PA manifest store is present (a top-level {@code uuid} box
 * with the C2PA usertype, C2PA 2.x §A.5).
 */
final class IsoBmffFacts {
  /** The usertype of the C2PA manifest store box in BMFF files. */
  static final UUID C2PA_UUID = UUID.fromString("d8fec3d6-1b0e-483c-9297-5828877ec481");

  private final Double durationSeconds;
  private final boolean c2pa;

  private IsoBmffFacts(Double durationSeconds, boolean c2pa) {
    this.durationSeconds = durationSeconds;
    this.c2pa = c2pa;
  }

  static IsoBmffFacts read(MediaSource source) throws IOException {
    BoxReader reader = new BoxReader(source);
    Double duration = null;
    boolean c2pa = false;
    for (Box box : reader.topLevel()) {
      if (box.is("uuid") && C2PA_UUID.equals(box.userType())) {
        c2pa = true;
      } else if (box.is("moov") && duration == null) {
        Optional<Box> mvhd = reader.child(box, "mvhd");
        if (mvhd.isPresent() && mvhd.get().payloadSize() >= 32) {
          duration = duration(source.readFully(mvhd.get().payloadOffset(), (int) Math.min(mvhd.get().payloadSize(), 32)));
        }
      }
    }
    return new IsoBmffFacts(duration, c2pa);
  }

  /** The movie duration in seconds, or null when unknown. */
  Double durationSeconds() {
    return durationSeconds;
  }

  boolean hasC2pa() {
    return c2pa;
  }

  /*
   * mvhd payload (ISO/IEC 14496-12 §8.2.2): version(1) flags(3), then
   *   v0: creation(4) modification(4) timescale(4) duration(4)
   *   v1: creation(8) modification(8) timescale(4) duration(8)
   */
  static Double duration(byte[] mvhd) {
    ByteBuffer b = ByteBuffer.wrap(mvhd);
    int version = b.get(0);
    long timescale;
    long duration;
    if (version == 1) {
      timescale = Integer.toUnsignedLong(b.getInt(20));
      duration = b.getLong(24);
    } else {
      timescale = Integer.toUnsignedLong(b.getInt(12));
      duration = Integer.toUnsignedLong(b.getInt(16));
    }
    if (timescale == 0 || duration < 0 || duration == 0xFFFF_FFFFL) {
      return null;
    }
    return (double) duration / timescale;
  }
}
