package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.media.Inspection;
import ai.alicemultiverse.media.MediaInspector;
import ai.alicemultiverse.media.MetadataEmbedder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash campaign: a real {@code alice tag} process over a batch of every format is killed with SIGKILL at
 * random moments. After every kill each file must be the previous version byte for byte or the complete new
 * one (parses, same content hash, the new tag and description in its XMP); the temp and lock files a kill
 * leaves behind must be gone after the next run.
 *
 * <p>Short: 10 kills. Full ({@code -Pcampaigns} or {@code -Dalice.campaign=full}): 200 kills; or set
 * {@code -Dalice.campaign.kills=N}. Half the kills wait until a temp file exists (a write is under way) and
 * then strike within 0–40 ms; the other half strike after a random delay within one whole run's duration.
 */
class CrashDuringWriteTest {
  /** {@code SafeFileWriter.STALE_AFTER} plus a margin: younger temps are never cleaned, by design. */
  private static final long STALE_MILLIS = 5_500;
  private static final Pattern TEMP = Pattern.compile("\\.alice-[0-9a-f]{16}-[a-z0-9]+\\.tmp");
  private static final Pattern LOCK = Pattern.compile("\\.alice-[0-9a-f]{16}\\.lock");

  @TempDir Path work;

  @Test
  void killedTagRunsLeaveEveryFileWholeAndTheNextRunCleansUp() throws Exception {
    int kills = Campaign.size("kills", 10, 200);
    SplittableRandom random = new SplittableRandom(Campaign.seed());
    Path batch = work.resolve("batch");
    List<Path> files = new ArrayList<>(HardeningCorpus.copyInto(batch));
    files.add(BigMedia.wav(batch.resolve("big.wav"), 32 << 20, 1));
    files.add(BigMedia.tiff(batch.resolve("big.tif"), 5000, 2));
    Map<Path, String> identity = new LinkedHashMap<>(); // content hash, or null for a file no codec reads
    for (Path file : files) {
      identity.put(file, contentHashOrNull(file));
    }
    Map<Path, String> firstDigests = digests(files);
    assertThat(identity.values().stream().filter(h -> h == null).count())
        .as("only the damaged sample is unreadable").isEqualTo(1);

    long runStarted = System.nanoTime();
    Process first = tag(files, "r0", batch);
    assertThat(first.waitFor(5, TimeUnit.MINUTES)).isTrue();
    long fullRunMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - runStarted);
    assertThat(first.exitValue()).as("only the damaged sample fails").isEqualTo(1);

    Tally tally = new Tally();
    for (int round = 1; round <= kills; round++) {
      Map<Path, String> before = digests(files);
      String value = "r" + round;
      Process child = tag(files, value, batch);
      if (round % 2 == 1) {
        awaitTemp(batch, child);
        Thread.sleep(random.nextInt(41));
      } else {
        Thread.sleep(random.nextLong(fullRunMillis + 1));
      }
      boolean killedAlive = child.isAlive();
      child.destroyForcibly();
      assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
      List<String> leftovers = leftovers(batch);
      tally.runs++;
      tally.killedAlive += killedAlive ? 1 : 0;
      tally.midWrite += leftovers.stream().anyMatch(CrashDuringWriteTest::isTemp) ? 1 : 0;
      tally.maxLeftovers = Math.max(tally.maxLeftovers, leftovers.size());
      for (Path file : files) {
        String problem = check(file, before.get(file), identity.get(file), value);
        if (problem == null) {
          tally.count(before.get(file).equals(digest(file)));
        } else {
          tally.failures.add("round " + round + ": " + problem);
        }
      }
    }

    // The next run, once the leftovers are old enough to be judged abandoned, removes every one of them.
    Thread.sleep(STALE_MILLIS);
    int leftBefore = leftovers(batch).size();
    Process last = tag(files, "final", batch);
    assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
    System.out.printf("crash campaign: %d kills (%d while alice ran, %d mid-write), %d files per run, "
            + "%d file checks old, %d new, %d failures, %d leftovers cleaned by the next run%n",
        tally.runs, tally.killedAlive, tally.midWrite, files.size(), tally.old, tally.fresh,
        tally.failures.size(), leftBefore);
    assertThat(tally.failures).isEmpty();
    assertThat(leftovers(batch)).isEmpty();
    for (Path file : files) {
      if (identity.get(file) == null) {
        assertThat(digest(file)).as(file + " (unreadable) is untouched").isEqualTo(firstDigests.get(file));
      } else {
        assertThat(check(file, "-", identity.get(file), "final")).as(file.toString()).isNull();
      }
    }
    assertThat(tally.killedAlive).as("kills must strike a running alice").isGreaterThan(kills / 2);
  }

  @Test
  void embeddingIntoAFolderRemovesWhatAKilledWriterLeftThere() throws Exception {
    Path folder = Files.createDirectories(work.resolve("folder"));
    Path file = HardeningCorpus.copyInto(folder).stream()
        .filter(p -> p.getFileName().toString().equals("vectors-plain.png")).findFirst().orElseThrow();
    Path temp = Files.write(folder.resolve(".vectors-plain.png.alice-tmp-k1ll3d"), new byte[] {1, 2, 3});
    Path lock = Files.createFile(folder.resolve(".vectors-plain.png.alice-lock"));
    Path otherTemp = Files.write(folder.resolve(".vectors-plain.jpg.alice-tmp-0ld"), new byte[] {4});
    for (Path leftover : List.of(temp, lock, otherTemp)) {
      Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minusSeconds(60)));
    }
    Path young = Files.write(folder.resolve(".vectors-plain.mp3.alice-tmp-y0ung"), new byte[] {5});

    MetadataEmbedder.embed(file, m -> m.withTag("style", "clean"));

    assertThat(leftovers(folder)).containsExactly(young.getFileName().toString());
  }

  private static Process tag(List<Path> files, String value, Path batch) throws IOException {
    List<String> args = new ArrayList<>(List.of("tag"));
    files.forEach(f -> args.add(f.toString()));
    args.addAll(List.of("--add", "style:" + value, "--description", "crash round " + value));
    return AliceProcess.start(args, batch.resolveSibling("tag-" + value + ".log"));
  }

  /** Waits until the child has a temp file open (a write is under way), or has ended, or 60 s passed. */
  private static void awaitTemp(Path batch, Process child) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Map<String, Boolean> known = new HashMap<>();
    leftovers(batch).forEach(n -> known.put(n, true)); // temps of earlier kills do not count
    while (child.isAlive() && System.nanoTime() < deadline) {
      if (leftovers(batch).stream().anyMatch(n -> isTemp(n) && !known.containsKey(n))) {
        return;
      }
      Thread.sleep(1);
    }
  }

  /** Null when {@code file} is its previous version or the complete new one; otherwise what is wrong. */
  private static String check(Path file, String previousDigest, String identity, String value) throws IOException {
    if (previousDigest.equals(digest(file))) {
      return null;
    }
    if (identity == null) {
      return file + ": an unreadable file was changed";
    }
    try (MediaSource source = ChannelMediaSource.open(file)) {
      Inspection seen = MediaInspector.inspect(source, true);
      if (!identity.equals(seen.contentHash())) {
        return file + ": content hash " + seen.contentHash() + ", was " + identity;
      }
      if (seen.metadata() == null || !seen.metadata().tags().getOrDefault("style", List.of()).contains(value)
          || !("crash round " + value).equals(seen.metadata().description())) {
        return file + ": changed but without the new tag/description: " + seen.metadata();
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return file + ": changed and no longer readable: " + e;
    }
  }

  private static String contentHashOrNull(Path file) {
    try (MediaSource source = ChannelMediaSource.open(file)) {
      return MediaInspector.inspect(source, true).contentHash();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static List<String> leftovers(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString())
          .filter(n -> isTemp(n) || LOCK.matcher(n).matches() || n.endsWith(".alice-lock")).sorted().toList();
    }
  }

  /** A safe write's temp file: {@code .alice-<key>-<random>.tmp} (or an earlier version's {@code .alice-tmp-}). */
  static boolean isTemp(String name) {
    return TEMP.matcher(name).matches() || name.contains(".alice-tmp-");
  }

  private static Map<Path, String> digests(List<Path> files) throws IOException {
    Map<Path, String> digests = new HashMap<>();
    for (Path file : files) {
      digests.put(file, digest(file));
    }
    return digests;
  }

  static String digest(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
      return Arrays.toString(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Tally {
    int runs;
    int killedAlive;
    int midWrite;
    int maxLeftovers;
    long old;
    long fresh;
    final List<String> failures = new ArrayList<>();

    void count(boolean unchanged) {
      if (unchanged) {
        old++;
      } else {
        fresh++;
      }
    }
  }
}
