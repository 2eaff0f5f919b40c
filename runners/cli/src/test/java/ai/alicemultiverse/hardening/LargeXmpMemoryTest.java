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
    Path mp3 = withId3PrivFrame(HardeningCorpus.vectors().resolve("plain.mp3"), root.resolve("big.mp3"));
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
        .hasSize(3)
        .allSatisfy(row -> assertThat(row).contains("exceeds the 16 MiB limit"))
        .anySatisfy(row -> assertThat(row).startsWith(webp.toString()))
        .anySatisfy(row -> assertThat(row).startsWith(wav.toString()))
        .anySatisfy(row -> assertThat(row).startsWith(mp3.toString()));
  }

  /**
   * {@code original} (an MP3 starting with an ID3v2 tag) with that tag replaced by an ID3v2.3 tag
   * holding one {@code PRIV} "XMP" frame of 50 MB.
   */
  private static Path withId3PrivFrame(Path original, Path target) throws IOException {
    byte[] mp3 = Files.readAllBytes(original);
    int oldTag = 10 + ((mp3[6] & 0x7F) << 21 | (mp3[7] & 0x7F) << 14 | (mp3[8] & 0x7F) << 7 | (mp3[9] & 0x7F));
    byte[] packet = packet();
    int frame = 4 + packet.length;
    int body = 10 + frame;
    try (OutputStream out = Files.newOutputStream(target)) {
      out.write(new byte[] {'I', 'D', '3', 3, 0, 0,
          (byte) (body >>> 21 & 0x7F), (byte) (body >>> 14 & 0x7F), (byte) (body >>> 7 & 0x7F), (byte) (body & 0x7F)});
      out.write("PRIV".getBytes(StandardCharsets.US_ASCII));
      out.write(ByteBuffer.allocate(6).putInt(frame).array()); // size, then two flag bytes of 0
      out.write(new byte[] {'X', 'M', 'P', 0});
      out.write(packet);
      out.write(mp3, oldTag, mp3.length - oldTag);
    }
    return target;
  }

  /** A well-formed XMP packet of 50 MB, mostly a comment. */
  private static byte[] packet() {
    byte[] start = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><!--".getBytes(StandardCharsets.US_ASCII);
    byte[] end = "--></x:xmpmeta>".getBytes(StandardCharsets.US_ASCII);
    byte[] packet = new byte[PACKET];
    Arrays.fill(packet, (byte) ' ');
    System.arraycopy(start, 0, packet, 0, start.length);
    System.arraycopy(end, 0, packet, PACKET - end.length, end.length);
    return packet;
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
