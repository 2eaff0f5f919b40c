package ai.alicemultiverse.codec.tiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.codec.CodecException;
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
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      int outcomes = 0;
      for (int cut : cutPoints(file)) {
        outcomes += exercise(Arrays.copyOf(file, cut));
      }
      for (int at : cutPoints(file)) {
        for (byte value : new byte[] {(byte) 0xff, 0x00, (byte) 0x80}) {
          if (at < file.length) {
            byte[] flipped = file.clone();
            flipped[at] = value;
            outcomes += exercise(flipped);
          }
        }
      }
      assertThat(outcomes).isGreaterThan(100);
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

  /** Runs the three operations; returns how many ran (each succeeds or throws IOException). */
  private int exercise(byte[] bytes) {
    int ran = 0;
    BytesMediaSource source = new BytesMediaSource(bytes);
    try {
      codec.readXmp(source);
    } catch (IOException expected) {
      // a structural error is a valid outcome
    }
    ran++;
    try {
      codec.payload(source);
    } catch (IOException expected) {
      // idem
    }
    ran++;
    try {
      codec.writeXmp(source, TiffTestFiles.PACKET, new ByteArrayOutputStream());
    } catch (IOException expected) {
      // idem
    }
    return ran + 1;
  }

  /** Every 37 bytes, plus a few bytes either side of each IFD, entry and value boundary. */
  private static TreeSet<Integer> cutPoints(byte[] file) {
    TreeSet<Integer> cuts = new TreeSet<>();
    for (int i = 0; i <= file.length; i += 37) {
      cuts.add(i);
    }
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
    for (int b : boundaries) {
      for (int d = -2; d <= 2; d++) {
        if (b + d >= 0 && b + d <= file.length) {
          cuts.add(b + d);
        }
      }
    }
    return cuts;
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
