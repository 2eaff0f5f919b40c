package ai.alicemultiverse.codec.tiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.testing.CorruptInputs;
import ai.alicemultiverse.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Broken files must fail with an IOException (CodecException) or parse; never anything else. */
class TiffCorruptionTest {
  private final TiffCodec codec = new TiffCodec();

  @ParameterizedTest
  @ValueSource(strings = {"plain.tif", "tagged.tif", "imageio", "written"})
  void truncatedAndFlippedFilesFailCleanly(String name) throws IOException {
    byte[] file = file(name);
    List<byte[]> variants = CorruptInputs.cutAndChanged(file, cutPoints(file),
        b -> 0xff, b -> 0x00, b -> 0x80);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (byte[] variant : variants) {
        CorruptInputs.exercise(codec, variant, TiffTestFiles.PACKET);
      }
      // three operations on each: more than 100 runs
      assertThat(variants).hasSizeGreaterThan(33);
    });
  }

  @Test
  void truncatedFileIsReportedWithItsOffset() {
    byte[] file = Arrays.copyOf(Vectors.bytes("plain.tif"), 40_000);
    assertThatThrownBy(() -> codec.payload(new BytesMediaSource(file)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("IFD0")
        .hasMessageContaining("at byte 47396");
  }

  /** Every 37 bytes, plus a few bytes either side of each IFD, entry and value boundary. */
  private static TreeSet<Integer> cutPoints(byte[] file) {
    List<Integer> boundaries = new ArrayList<>(List.of(0, 2, 4, 8, file.length));
    int ifd0 = (file[4] & 0xff) | (file[5] & 0xff) << 8 | (file[6] & 0xff) << 16;
    if (ifd0 + 2 <= file.length) {
      int count = (file[ifd0] & 0xff) | (file[ifd0 + 1] & 0xff) << 8;
      for (int i = 0; i <= count; i++) {
        int entry = ifd0 + 2 + 12 * i;
        boundaries.add(entry);
        if (i < count && entry + 12 <= file.length) {
          boundaries.add(entry + 8); // value field
          int value = (file[entry + 8] & 0xff) | (file[entry + 9] & 0xff) << 8
              | (file[entry + 10] & 0xff) << 16;
          if (value < file.length) {
            boundaries.add(value);
          }
        }
      }
    }
    // the boundaries include 0 and the length, so clamping adds no cut that was not there
    return CorruptInputs.cuts(file.length, boundaries, 2, 2);
  }

  private byte[] file(String name) throws IOException {
    return switch (name) {
      case "imageio" -> TiffTestFiles.imageIoTiff(
          List.of(TiffTestFiles.image(16, 8, 1), TiffTestFiles.image(4, 4, 2)), 0);
      case "written" -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.writeXmp(new BytesMediaSource(Vectors.bytes("tagged.tif")), TiffTestFiles.PACKET, out);
        yield out.toByteArray();
      }
      default -> Vectors.bytes(name);
    };
  }
}
