package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 50 MB XMP packet took about five times its size in memory before the 16 MiB limit refused it: two
 * such files made a rebuild run out of memory. The codecs now refuse a packet by its declared length
 * before reading it. A real {@code alice rebuild} in a child JVM with a 160 MB heap.
 */
class LargeXmpMemoryTest {
  private static final int PACKET = 50 << 20;

  @TempDir Path work;

  @Test
  @Timeout(240)
  void aRebuildOverFilesHolding50MbPacketsFinishesInA160MbHeapWithAnErrorRowForEach() throws Exception {
    Path root = Files.createDirectories(work.resolve("media"));
    Path webp = withRiffChunk(HardeningCorpus.vectors().resolve("plain.webp"), "XMP ", root.resolve("big.webp"));
    Path wav = withRiffChunk(HardeningCorpus.vectors().resolve("plain.wav"), "_PMX", root.resolve("big.wav"));
    Path good = root.resolve("good.jpg");
    Files.copy(HardeningCorpus.vectors().resolve("plain.jpg"), good);
    Path cache = work.resolve("cache/alice.duckdb");
    Path log = work.resolve("rebuild.log");

    Process rebuild = AliceProcess.start(List.of("rebuild", root.toString(), "--cache", cache.toString()), log,
        "-Xmx160m");
    boolean ended = rebuild.waitFor(200, TimeUnit.SECONDS);
    if (!ended) {
      rebuild.destroyForcibly().waitFor();
    }
    String output = Files.readString(log);

    assertThat(ended).as(output).isTrue();
    assertThat(output).doesNotContain("OutOfMemoryError", "out of memory");
    assertThat(HostileInputTest.column(cache, "SELECT path FROM locations")).containsExactly(good.toString());
    assertThat(HostileInputTest.column(cache, "SELECT path || ': ' || reason FROM errors"))
        .hasSize(2)
        .allSatisfy(row -> assertThat(row).contains("exceeds the 16 MiB limit"))
        .anySatisfy(row -> assertThat(row).startsWith(webp.toString()))
        .anySatisfy(row -> assertThat(row).startsWith(wav.toString()));
  }

  /** {@code original} (a RIFF file) with a chunk of {@code fourCc} holding a 50 MB packet appended. */
  private static Path withRiffChunk(Path original, String fourCc, Path target) throws IOException {
    byte[] head = Files.readAllBytes(original);
    long total = head.length + 8L + PACKET;
    ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).putInt(4, (int) (total - 8));
    try (OutputStream out = Files.newOutputStream(target)) {
      out.write(head);
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).put(fourCc.getBytes(StandardCharsets.US_ASCII))
          .putInt(PACKET).array());
      byte[] start = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><!--".getBytes(StandardCharsets.US_ASCII);
      byte[] end = "--></x:xmpmeta>".getBytes(StandardCharsets.US_ASCII);
      byte[] filler = new byte[1 << 20];
      Arrays.fill(filler, (byte) ' ');
      out.write(start);
      long left = PACKET - start.length - end.length;
      while (left > 0) {
        int n = (int) Math.min(left, filler.length);
        out.write(filler, 0, n);
        left -= n;
      }
      out.write(end);
    }
    return target;
  }
}
