package ai.alicemultiverse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.hash.ContentHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;

/**
 * Damaged variants of a file (cut short, one byte changed) and the check every codec must pass on
 * them: each operation succeeds or throws an IOException (CodecException included), nothing else.
 */
public final class CorruptInputs {
  /** Cuts fall every this many bytes, besides those placed around structure boundaries. */
  public static final int STEP = 37;

  private CorruptInputs() {}

  /**
   * Cut points: every {@link #STEP} bytes below {@code length}, plus {@code edge + d} for each edge
   * and each {@code d} from {@code -before} to {@code after}, clamped to {@code [0, length]}.
   */
  public static TreeSet<Integer> cuts(int length, Collection<? extends Number> edges, int before,
      int after) {
    TreeSet<Integer> cuts = new TreeSet<>();
    for (int i = 0; i < length; i += STEP) {
      cuts.add(i);
    }
    for (Number edge : edges) {
      for (int d = -before; d <= after; d++) {
        cuts.add((int) Math.max(0, Math.min(length, edge.longValue() + d)));
      }
    }
    return cuts;
  }

  /** A copy of {@code file} with the byte at {@code at} set to {@code value}. */
  public static byte[] withByte(byte[] file, int at, int value) {
    byte[] changed = file.clone();
    changed[at] = (byte) value;
    return changed;
  }

  /**
   * The file cut at each point, and for each point inside the file, the file with the byte there
   * replaced by each {@code newByte} of the original byte.
   */
  public static List<byte[]> cutAndChanged(byte[] file, Collection<Integer> cuts,
      IntUnaryOperator... newByte) {
    List<byte[]> variants = new ArrayList<>();
    for (int cut : cuts) {
      variants.add(Arrays.copyOf(file, cut));
      if (cut < file.length) {
        for (IntUnaryOperator change : newByte) {
          variants.add(withByte(file, cut, change.applyAsInt(file[cut])));
        }
      }
    }
    return variants;
  }

  /**
   * What running every operation on one file gave.
   *
   * @param failures how many operations threw an IOException
   * @param hash the payload's content hash, or null when payload or hashing threw
   * @param written the output of writeXmp, or null when it threw
   */
  public record Outcome(int failures, String hash, byte[] written) {}

  /** {@link #exercise(ContainerCodec, byte[], String, String)} described by the file's size. */
  public static Outcome exercise(ContainerCodec codec, byte[] file, String packet) {
    return exercise(codec, file, packet, "a " + file.length + "-byte input");
  }

  /**
   * Runs format, readXmp, payload (and the content hash over it) and writeXmp on {@code file}.
   * Each either works or throws an IOException; anything else fails the test, naming {@code what}.
   */
  public static Outcome exercise(ContainerCodec codec, byte[] file, String packet, String what) {
    BytesMediaSource source = new BytesMediaSource(file);
    int failures = 0;
    String hash = null;
    byte[] written = null;
    try {
      try {
        codec.format(source);
      } catch (IOException expected) {
        failures++;
      }
      try {
        assertThat(codec.readXmp(source)).isNotNull();
      } catch (IOException expected) {
        failures++;
      }
      try {
        hash = ContentHash.of(source, codec.payload(source));
      } catch (IOException expected) {
        failures++;
      }
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.writeXmp(source, packet, out);
        written = out.toByteArray();
      } catch (IOException expected) {
        failures++;
      }
    } catch (RuntimeException e) {
      throw new AssertionError("unexpected " + e + " on " + what, e);
    }
    return new Outcome(failures, hash, written);
  }

  /**
   * When writing worked, the written file must read back with {@code packet} and, when the
   * damaged file had a payload hash, keep it.
   */
  public static void assertWrittenReadsBack(ContainerCodec codec, Outcome outcome, String packet) {
    if (outcome.written() == null) {
      return;
    }
    InMemoryCodec io = new InMemoryCodec(codec);
    try {
      assertThat(io.read(outcome.written())).contains(XmpPacket.of(packet));
      if (outcome.hash() != null) {
        assertThat(io.hash(outcome.written())).isEqualTo(outcome.hash());
      }
    } catch (IOException e) {
      throw new AssertionError("written file does not read back", e);
    }
  }
}
