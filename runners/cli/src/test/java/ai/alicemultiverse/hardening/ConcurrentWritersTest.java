package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.media.Inspection;
import ai.alicemultiverse.media.MediaInspector;
import ai.alicemultiverse.media.MetadataEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two alice processes writing the same files or the same cache at once: one waits or refuses, nothing is lost. */
@Timeout(300)
class ConcurrentWritersTest {
  @TempDir Path work;

  /** Regression: the later of two writers used to write metadata computed before the earlier one's write. */
  @Test
  void aWriteBetweenOurReadAndOurWriteIsKeptNotOverwritten() throws Exception {
    Path file = HardeningCorpus.copyInto(work.resolve("one")).stream()
        .filter(p -> p.getFileName().toString().equals("vectors-plain.jpg")).findFirst().orElseThrow();
    AtomicBoolean interleaved = new AtomicBoolean();

    MetadataEmbedder.embed(file, m -> {
      if (interleaved.compareAndSet(false, true)) {
        try { // another writer saves the file after our read, before our write
          MetadataEmbedder.embed(file, other -> other.withTag("style", "theirs"));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return m.withTag("style", "ours");
    });

    assertThat(tags(file)).containsExactly("ours", "theirs");
  }

  @Test
  void twoTagProcessesOnTheSameFilesBothLandAndNothingIsCorrupted() throws Exception {
    Path batch = work.resolve("batch");
    List<Path> files = new ArrayList<>(HardeningCorpus.copyInto(batch));
    files.add(BigMedia.wav(batch.resolve("big.wav"), 16 << 20, 3));
    List<String> hashes = new ArrayList<>();
    for (Path f : files) {
      hashes.add(hashOrNull(f));
    }
    Process a = AliceProcess.start(tagArgs(files, "a"), work.resolve("a.log"));
    Process b = AliceProcess.start(tagArgs(files, "b"), work.resolve("b.log"));
    assertThat(a.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(b.waitFor(3, TimeUnit.MINUTES)).isTrue();

    // Exit 1 from the damaged sample only: every other file took both writes, in either order.
    assertThat(Files.readString(work.resolve("a.log"))).doesNotContain("busy", "changed by another");
    assertThat(Files.readString(work.resolve("b.log"))).doesNotContain("busy", "changed by another");
    for (int i = 0; i < files.size(); i++) {
      if (hashes.get(i) != null) {
        assertThat(hashOrNull(files.get(i))).as(files.get(i).toString()).isEqualTo(hashes.get(i));
        assertThat(tags(files.get(i))).as(files.get(i).toString()).contains("a", "b");
      }
    }
    assertThat(CrashDuringWriteTest.leftovers(batch)).isEmpty();
  }

  @Test
  void twoRebuildsOfOneCacheAtOnceOneRefusesClearly() throws Exception {
    Path root = work.resolve("media");
    HardeningCorpus.copyInto(root);
    Path cache = work.resolve("cache/alice.duckdb");
    List<String> args = List.of("rebuild", root.toString(), "--cache", cache.toString());
    Process a = AliceProcess.start(args, work.resolve("ra.log"));
    Process b = AliceProcess.start(args, work.resolve("rb.log"));
    assertThat(a.waitFor(4, TimeUnit.MINUTES)).isTrue();
    assertThat(b.waitFor(4, TimeUnit.MINUTES)).isTrue();

    String logs = Files.readString(work.resolve("ra.log")) + Files.readString(work.resolve("rb.log"));
    assertThat(List.of(a.exitValue(), b.exitValue())).as(logs).containsExactlyInAnyOrder(0, 1);
    assertThat(cache).as(logs).isRegularFile();
    assertThat(logs).contains(cache + ": another alice process is rebuilding this cache");
    int files = HardeningCorpus.originals().size();
    assertThat(HostileInputTest.column(cache, "SELECT path FROM locations").size()
        + HostileInputTest.column(cache, "SELECT path FROM errors").size()).isEqualTo(files);
  }

  static List<String> tags(Path file) throws Exception {
    try (MediaSource source = ChannelMediaSource.open(file)) {
      Inspection seen = MediaInspector.inspect(source, true);
      return seen.metadata().tags().getOrDefault("style", List.of()).stream().sorted().toList();
    }
  }

  private static String hashOrNull(Path file) {
    try (MediaSource source = ChannelMediaSource.open(file)) {
      return MediaInspector.inspect(source, true).contentHash();
    } catch (Exception e) {
      return null;
    }
  }

  private static List<String> tagArgs(List<Path> files, String value) {
    List<String> args = new ArrayList<>(List.of("tag"));
    files.forEach(f -> args.add(f.toString()));
    args.addAll(List.of("--add", "style:" + value));
    return args;
  }
}
