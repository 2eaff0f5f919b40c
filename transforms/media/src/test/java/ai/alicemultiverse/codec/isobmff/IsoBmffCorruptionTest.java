package ai.alicemultiverse.codec.isobmff;

import static ai.alicemultiverse.codec.isobmff.IsoBmffTesting.packet;
import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.testing.CorruptInputs;
import ai.alicemultiverse.testing.Vectors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Truncated and bit-flipped files: every operation succeeds or throws an IOException, quickly. */
class IsoBmffCorruptionTest {
  private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "udta", "edts", "dinf");
  private final IsoBmffCodec codec = new IsoBmffCodec();

  @ParameterizedTest
  @ValueSource(strings = {"plain.mp4", "tagged.mp4", "plain.mov", "tagged.mov", "plain.m4a", "tagged.m4a"})
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void truncatedFilesFailCleanly(String name) throws IOException {
    byte[] file = Vectors.bytes(name);
    Set<Integer> cuts = CorruptInputs.cuts(file.length, boundaries(file), 9, 9);
    cuts.remove(file.length); // every cut loses at least one byte
    int failures = 0;
    for (int cut : cuts) {
      failures += exercise(Arrays.copyOf(file, cut), name + " cut at " + cut);
    }
    assertThat(failures).isPositive(); // the cuts did hit the structure
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain.mp4", "tagged.mp4", "plain.mov", "tagged.mov", "plain.m4a", "tagged.m4a"})
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void flippedBytesFailCleanly(String name) throws IOException {
    byte[] file = Vectors.bytes(name);
    List<int[]> flips = new ArrayList<>(); // {position, new value}
    for (long boundary : boundaries(file)) {
      // Box headers and the table headers right after them: sizes, types, counts.
      for (int at = (int) boundary; at < Math.min(file.length, boundary + 20); at++) {
        for (int value : new int[] {0x00, 0xff, 0x7f, file[at] ^ 0x80, file[at] ^ 0x01}) {
          flips.add(new int[] {at, value});
        }
      }
    }
    Random random = new Random(42);
    for (int i = 0; i < 1500; i++) {
      flips.add(new int[] {random.nextInt(file.length), random.nextInt(256)});
    }
    int failures = 0;
    for (int[] flip : flips) {
      failures += exercise(CorruptInputs.withByte(file, flip[0], flip[1]),
          name + " with byte " + flip[0] + " set to " + flip[1]);
    }
    assertThat(failures).isPositive();
  }

  /** Runs every codec operation; returns how many threw an IOException. */
  private int exercise(byte[] file, String what) {
    return CorruptInputs.exercise(codec, file, packet("corrupt"), what).failures();
  }

  /** Start offsets of every box in the usual containers, walked like a tolerant reader would. */
  private static List<Long> boundaries(byte[] file) throws IOException {
    BoxReader reader = new BoxReader(new BytesMediaSource(file));
    List<Long> starts = new ArrayList<>();
    collect(reader, reader.topLevel(), starts, 0);
    return starts;
  }

  private static void collect(BoxReader reader, List<Box> boxes, List<Long> starts, int depth)
      throws IOException {
    for (Box box : boxes) {
      starts.add(box.offset());
      starts.add(box.payloadOffset());
      if (CONTAINERS.contains(box.type()) && depth < BoxReader.MAX_DEPTH) {
        collect(reader, reader.children(box), starts, depth + 1);
      }
    }
  }
}
