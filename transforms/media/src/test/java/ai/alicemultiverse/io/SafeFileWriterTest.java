package ai.alicemultiverse.io;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SafeFileWriterTest {
  private static final FileTime OLD_MTIME = FileTime.from(Instant.parse("2020-01-02T03:04:05.123456Z"));
  private static final byte[] ORIGINAL = "original media bytes".getBytes(US_ASCII);
  private static final SafeFileWriter.Verifier ACCEPT = written -> {};

  @TempDir Path dir;

  @Test
  void replacesContentKeepsPermissionsAndMovesTheMtimeForward() throws IOException {
    Path file = original("photo.jpg", "rw-r-----");
    Instant beforeWrite = Instant.now().minusSeconds(2); // file systems with coarse timestamps round down

    SafeFileWriter.replace(file, out -> out.write("new content".getBytes(US_ASCII)), ACCEPT);

    assertThat(Files.readString(file, US_ASCII)).isEqualTo("new content");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    // a backup that compares size and mtime (rsync -a) or a watcher must see the edit
    assertThat(Files.getLastModifiedTime(file).toInstant()).isAfter(beforeWrite);
    assertThat(listing()).containsExactly("photo.jpg");
  }

  @Test
  void keepsTheMtimeOnlyWhenAsked() throws IOException {
    Path file = original("photo.jpg", "rw-r-----");

    SafeFileWriter.replace(file, out -> out.write("new content".getBytes(US_ASCII)), ACCEPT,
        SafeFileWriter.Mtime.KEEP);

    assertThat(Files.readString(file, US_ASCII)).isEqualTo("new content");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(OLD_MTIME);
    assertThat(listing()).containsExactly("photo.jpg");
  }

  @Test
  void aFileWithTheLongestPossibleNameCanBeWritten() throws IOException {
    String name = "n".repeat(251) + ".jpg"; // 255 bytes: the name plus any suffix would be too long
    Path file = original(name, "rw-r--r--");

    SafeFileWriter.replace(file, out -> out.write("long".getBytes(US_ASCII)), ACCEPT);

    assertThat(Files.readString(file, US_ASCII)).isEqualTo("long");
    assertThat(listing()).containsExactly(name);
  }

  @Test
  void aNameWithANewlineIsWrittenAndItsLeftoversAreCleaned() throws Exception {
    Path file = original("two\nlines.jpg", "rw-r--r--");
    SafeFileWriter.replace(file, out -> out.write("x".getBytes(US_ASCII)), ACCEPT);
    // what a writer killed mid-write leaves, in this version's naming and in the earlier one
    Path leftover = aged(Files.createFile(SiblingFiles.tempFor(dir.toRealPath(), "two\nlines.jpg", "k1ll3d")));
    Path legacyLeftover = aged(Files.createFile(dir.resolve(".two\nlines.jpg.alice-tmp-0ld")));

    assertThat(SafeFileWriter.cleanStaleTemps(dir)).isEqualTo(2);

    assertThat(List.of(leftover, legacyLeftover)).noneMatch(Files::exists);
    assertThat(listing()).containsExactly("two\nlines.jpg");
    assertThat(Files.readString(file, US_ASCII)).isEqualTo("x");
  }

  @Test
  void keepsPermissionsTheUmaskWouldStrip() throws IOException {
    Path file = original("shared.png", "rw-rw-rw-");

    SafeFileWriter.replace(file, out -> out.write(1), ACCEPT);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-rw-rw-");
    assertThat(Files.readAllBytes(file)).containsExactly(1);
  }

  @Test
  void verifierSeesTheCompleteTempBeforeTheSwap() throws IOException {
    Path file = original("a.webp", "rw-------");
    byte[] big = new byte[300_000];
    Arrays.fill(big, (byte) 7);
    Path[] seen = new Path[1];

    SafeFileWriter.replace(
        file,
        out -> out.write(big),
        written -> {
          seen[0] = written;
          assertThat(written.getParent()).isEqualTo(dir.toRealPath());
          assertThat(written.getFileName().toString()).matches("\\.alice-[0-9a-f]{16}-[a-z0-9]+\\.tmp");
          assertThat(Files.readAllBytes(written)).isEqualTo(big);
          assertThat(Files.readAllBytes(file)).isEqualTo(ORIGINAL);
          assertThat(SiblingFiles.lockFor(dir.toRealPath(), "a.webp")).exists();
        });

    assertThat(seen[0]).doesNotExist();
    assertThat(Files.readAllBytes(file)).isEqualTo(big);
  }

  @Test
  void failingVerifierLeavesOriginalUntouched() throws IOException {
    Path file = original("photo.jpg", "rw-r-----");

    assertThatThrownBy(
            () ->
                SafeFileWriter.replace(
                    file,
                    out -> out.write("broken".getBytes(US_ASCII)),
                    written -> {
                      throw new IOException("no XMP packet found at offset 2");
                    }))
        .isInstanceOf(SafeWriteException.class)
        .hasMessage(file + ": verification failed: no XMP packet found at offset 2");

    assertUntouched(file, "photo.jpg");
  }

  @Test
  void writerFailingMidStreamLeavesOriginalUntouched() throws IOException {
    Path file = original("clip.mp4", "rw-r-----");

    assertThatThrownBy(
            () ->
                SafeFileWriter.replace(
                    file,
                    out -> {
                      out.write(new byte[200_000]); // more than the buffer: really on disk
                      throw new IOException("No space left on device");
                    },
                    ACCEPT))
        .isInstanceOfSatisfying(
            SafeWriteException.class,
            e -> {
              assertThat(e.path()).isEqualTo(file);
              assertThat(e.reason()).isEqualTo("write failed: No space left on device");
            })
        .hasMessage(file + ": write failed: No space left on device");

    assertUntouched(file, "clip.mp4");
  }

  @Test
  void writerRuntimeExceptionIsReportedAndCleanedUp() throws IOException {
    Path file = original("b.png", "rw-r--r--");

    assertThatThrownBy(
            () ->
                SafeFileWriter.replace(
                    file,
                    out -> {
                      out.write(1);
                      throw new IllegalStateException("codec bug");
                    },
                    ACCEPT))
        .isInstanceOf(SafeWriteException.class)
        .hasMessage(file + ": write failed: codec bug");

    assertUntouched(file, "b.png");
  }

  @Test
  void writerClosingTheStreamIsHarmless() throws IOException {
    Path file = original("c.wav", "rw-r--r--");

    SafeFileWriter.replace(
        file,
        out -> {
          out.write("closed early".getBytes(US_ASCII));
          out.close();
        },
        written -> assertThat(Files.readString(written, US_ASCII)).isEqualTo("closed early"));

    assertThat(Files.readString(file, US_ASCII)).isEqualTo("closed early");
  }

  @Test
  void missingTargetIsNamed() {
    Path file = dir.resolve("gone.jpg");

    assertThatThrownBy(() -> SafeFileWriter.replace(file, out -> out.write(1), ACCEPT))
        .isInstanceOf(SafeWriteException.class)
        .hasMessage(file + ": does not exist");
    assertThat(listing()).isEmpty();
  }

  @Test
  void directoryTargetIsRefused() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("album"));

    assertThatThrownBy(() -> SafeFileWriter.replace(sub, out -> out.write(1), ACCEPT))
        .isInstanceOf(SafeWriteException.class)
        .hasMessage(sub + ": not a regular file");
    assertThat(listing()).containsExactly("album");
  }

  @Test
  void symlinkIsWrittenThroughAndStaysALink() throws IOException {
    Path real = original("real.jpg", "rw-r-----");
    Path link = Files.createSymbolicLink(dir.resolve("link.jpg"), Path.of("real.jpg"));

    SafeFileWriter.replace(link, out -> out.write("via link".getBytes(US_ASCII)), ACCEPT);

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("real.jpg"));
    assertThat(Files.readString(real, US_ASCII)).isEqualTo("via link");
    assertThat(Files.getLastModifiedTime(real)).isNotEqualTo(OLD_MTIME);
    assertThat(listing()).containsExactly("link.jpg", "real.jpg");
  }

  @Test
  void danglingSymlinkIsRefused() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("dangling.jpg"), Path.of("nowhere.jpg"));

    assertThatThrownBy(() -> SafeFileWriter.replace(link, out -> out.write(1), ACCEPT))
        .isInstanceOf(SafeWriteException.class)
        .hasMessage(link + ": does not exist");
    assertThat(Files.exists(dir.resolve("nowhere.jpg"), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void fileChangedByAnotherProgramWhileWritingWins() throws IOException {
    Path file = original("edited.jpg", "rw-r--r--");

    assertThatThrownBy(
            () ->
                SafeFileWriter.replace(
                    file,
                    out -> {
                      out.write("ours".getBytes(US_ASCII));
                      Files.writeString(file, "the editor's save", US_ASCII); // another program saves
                    },
                    ACCEPT))
        .isInstanceOf(SafeWriteException.class)
        .hasMessage(file + ": changed by another program while writing");

    assertThat(Files.readString(file, US_ASCII)).isEqualTo("the editor's save");
    assertThat(listing()).containsExactly("edited.jpg");
  }

  @Test
  void userExtendedAttributesSurvive() throws IOException {
    Path file = original("tagged.jpg", "rw-r--r--");
    UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    try {
      view.write("alice.test", ByteBuffer.wrap("kept".getBytes(US_ASCII)));
    } catch (IOException | UnsupportedOperationException e) {
      assumeTrue(false, "no user xattrs on this file system: " + e);
    }

    SafeFileWriter.replace(file, out -> out.write(2), ACCEPT);

    ByteBuffer value = ByteBuffer.allocate(16);
    Files.getFileAttributeView(file, UserDefinedFileAttributeView.class).read("alice.test", value);
    assertThat(new String(value.array(), 0, value.position(), US_ASCII)).isEqualTo("kept");
  }

  @Test
  void secondWriterSeesBusyWhileFirstHoldsTheLock() throws Exception {
    Path file = original("busy.jpg", "rw-r--r--");
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> first =
          pool.submit(
              () -> {
                SafeFileWriter.replace(
                    file,
                    out -> {
                      writing.countDown();
                      await(finish);
                      out.write("first".getBytes(US_ASCII));
                    },
                    ACCEPT);
                return null;
              });
      assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

      assertThatThrownBy(
              () -> SafeFileWriter.replace(file, out -> out.write(9), ACCEPT, Duration.ofMillis(200)))
          .isInstanceOf(SafeWriteException.class)
          .hasMessage(file + ": busy: another process is writing this file");
      assertThat(Files.readAllBytes(file)).isEqualTo(ORIGINAL);

      finish.countDown();
      first.get(10, TimeUnit.SECONDS);
    } finally {
      finish.countDown();
      pool.shutdownNow();
    }
    assertThat(Files.readString(file, US_ASCII)).isEqualTo("first");
    assertThat(listing()).containsExactly("busy.jpg");
  }

  @Test
  void concurrentWritersLeaveOneCompleteVersion() throws Exception {
    Path file = original("race.jpg", "rw-r--r--");
    byte[] a = filled(500_000, (byte) 'a');
    byte[] b = filled(700_000, (byte) 'b');
    for (int round = 0; round < 5; round++) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      CountDownLatch start = new CountDownLatch(1);
      try {
        Future<String> fa = pool.submit(() -> writeSlowly(file, a, start));
        Future<String> fb = pool.submit(() -> writeSlowly(file, b, start));
        start.countDown();
        List<String> outcomes = List.of(fa.get(30, TimeUnit.SECONDS), fb.get(30, TimeUnit.SECONDS));
        // Waiting is the default, so both normally succeed; "busy" is also a valid outcome for one of them.
        assertThat(outcomes).contains("ok");
        assertThat(outcomes)
            .allMatch(o -> o.equals("ok") || o.endsWith("busy: another process is writing this file"));
      } finally {
        pool.shutdownNow();
      }
      byte[] result = Files.readAllBytes(file);
      assertThat(Arrays.equals(result, a) || Arrays.equals(result, b)).as("one complete version").isTrue();
      assertThat(listing()).containsExactly("race.jpg");
    }
  }

  @Test
  void cleanStaleTempsRemovesOnlyOurLeftovers() throws IOException {
    Path file = original("x.jpg", "rw-r--r--");
    Path stale = aged(Files.write(dir.resolve(".x.jpg.alice-tmp-123"), new byte[10]));
    Path staleLock = aged(Files.createFile(dir.resolve(".x.jpg.alice-lock")));
    Path fresh = Files.write(dir.resolve(".y.jpg.alice-tmp-abc"), new byte[10]);
    Path lookalike1 = aged(Files.createFile(dir.resolve("x.jpg.alice-tmp-1"))); // not hidden
    Path lookalike2 = aged(Files.createFile(dir.resolve(".x.jpg.alice-tmp-"))); // no random part
    Path lookalike3 = aged(Files.createFile(dir.resolve(".x.jpg.alice-tmp-12.bak")));
    Path staleDir = Files.createDirectory(dir.resolve(".z.jpg.alice-tmp-99"));
    Path real = dir.toRealPath();
    Path staleShort = aged(Files.write(SiblingFiles.tempFor(real, "x.jpg", "k1ll3d"), new byte[10]));
    Path staleShortLock = aged(Files.createFile(SiblingFiles.lockFor(real, "w.jpg")));
    Path shortLookalike = aged(Files.createFile(dir.resolve(".alice-notahexkey-1.tmp")));

    assertThat(SafeFileWriter.cleanStaleTemps(dir)).isEqualTo(2);

    assertThat(List.of(stale, staleLock, staleShort, staleShortLock)).noneMatch(Files::exists);
    assertThat(shortLookalike).exists();
    assertThat(fresh).exists(); // maybe a writer that has only just started
    assertThat(List.of(file, lookalike1, lookalike2, lookalike3, staleDir)).allMatch(Files::exists);
    assertThat(Files.readAllBytes(file)).isEqualTo(ORIGINAL);
    assertThat(SafeFileWriter.cleanStaleTemps(dir)).isZero();
  }

  @Test
  void cleanStaleTempsKeepsALiveWritersTemp() throws Exception {
    Path file = original("live.jpg", "rw-r--r--");
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> writer =
          pool.submit(
              () -> {
                SafeFileWriter.replace(
                    file,
                    out -> {
                      writing.countDown();
                      await(finish);
                      out.write("live".getBytes(US_ASCII));
                    },
                    ACCEPT);
                return null;
              });
      assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
      Path temp = onlyTemp();
      aged(temp); // old enough: only the held lock protects it now

      assertThat(SafeFileWriter.cleanStaleTemps(dir)).isZero();
      assertThat(temp).exists();

      finish.countDown();
      writer.get(10, TimeUnit.SECONDS);
    } finally {
      finish.countDown();
      pool.shutdownNow();
    }
    assertThat(Files.readString(file, US_ASCII)).isEqualTo("live");
    assertThat(listing()).containsExactly("live.jpg");
  }

  private String writeSlowly(Path file, byte[] content, CountDownLatch start) throws InterruptedException {
    start.await();
    try {
      SafeFileWriter.replace(
          file,
          out -> {
            for (int off = 0; off < content.length; off += 50_000) {
              out.write(content, off, Math.min(50_000, content.length - off));
              Thread.onSpinWait();
            }
          },
          written -> assertThat(Files.size(written)).isEqualTo(content.length));
      return "ok";
    } catch (SafeWriteException e) {
      return e.getMessage();
    }
  }

  private Path original(String name, String permissions) throws IOException {
    Path file = Files.write(dir.resolve(name), ORIGINAL);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    Files.setLastModifiedTime(file, OLD_MTIME);
    return file;
  }

  private void assertUntouched(Path file, String name) throws IOException {
    assertThat(Files.readAllBytes(file)).isEqualTo(ORIGINAL);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(OLD_MTIME);
    assertThat(listing()).containsExactly(name);
  }

  private Path onlyTemp() {
    List<String> temps = listing().stream().filter(n -> SiblingFiles.lockOfTemp(dir, n) != null).collect(Collectors.toList());
    assertThat(temps).hasSize(1);
    return dir.resolve(temps.get(0));
  }

  private List<String> listing() {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path aged(Path file) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
    return file;
  }

  private static byte[] filled(int size, byte value) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, value);
    return bytes;
  }

  private static void await(CountDownLatch latch) throws IOException {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        throw new IOException("test latch timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
