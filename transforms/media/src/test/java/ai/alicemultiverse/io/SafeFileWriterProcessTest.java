package ai.alicemultiverse.io;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock between processes (inside one JVM the in-process registry answers first, so only a second JVM
 * exercises the real {@code fcntl} lock), and the clean-up after a writer is killed mid-write.
 */
@Timeout(120)
class SafeFileWriterProcessTest {
  @TempDir Path dir;

  @Test
  void anotherProcessHoldsTheLockThenFinishes() throws Exception {
    Path file = Files.writeString(dir.resolve("p.jpg"), "original", US_ASCII);
    Process child = startWriter(file);
    try {
      BufferedReader out = awaitWriting(child);

      assertThatThrownBy(() -> SafeFileWriter.replace(file, o -> o.write(1), w -> {}, Duration.ofMillis(300)))
          .isInstanceOf(SafeWriteException.class)
          .hasMessage(file + ": busy: another process is writing this file");
      SafeFileWriterTest.aged(childTemp());
      assertThat(SafeFileWriter.cleanStaleTemps(dir)).isZero();
      assertThat(Files.readString(file, US_ASCII)).isEqualTo("original");

      try (Writer in = child.outputWriter()) {
        in.write("go\n");
      }
      assertThat(out.readLine()).isEqualTo("DONE");
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isZero();
    } finally {
      child.destroyForcibly();
    }
    assertThat(Files.readString(file, US_ASCII)).isEqualTo("child-version");
    assertThat(listing()).containsExactly("p.jpg");
  }

  @Test
  void killedWriterLeavesOriginalAndCleanupRemovesItsFiles() throws Exception {
    Path file = Files.writeString(dir.resolve("k.jpg"), "original", US_ASCII);
    Process child = startWriter(file);
    try {
      awaitWriting(child);
    } finally {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(Files.readString(file, US_ASCII)).isEqualTo("original");
    Path temp = childTemp();
    assertThat(listing()).containsExactlyInAnyOrder(
        SiblingFiles.lockFor(dir.toRealPath(), "k.jpg").getFileName().toString(), temp.getFileName().toString(),
        "k.jpg");

    SafeFileWriterTest.aged(temp);
    assertThat(SafeFileWriter.cleanStaleTemps(dir)).isEqualTo(1);
    assertThat(listing()).containsExactly("k.jpg");

    SafeFileWriter.replace(file, o -> o.write("after".getBytes(US_ASCII)), w -> {}, Duration.ofMillis(300));
    assertThat(Files.readString(file, US_ASCII)).isEqualTo("after");
  }

  @Test
  void staleLockFileOfAKilledWriterDoesNotBlock() throws Exception {
    Path file = Files.writeString(dir.resolve("s.jpg"), "original", US_ASCII);
    Process child = startWriter(file);
    try {
      awaitWriting(child);
    } finally {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    SafeFileWriter.replace(file, o -> o.write("next".getBytes(US_ASCII)), w -> {}, Duration.ofMillis(300));

    assertThat(Files.readString(file, US_ASCII)).isEqualTo("next");
    assertThat(listing()).containsExactly(childTemp().getFileName().toString(), "s.jpg");
  }

  private Process startWriter(Path file) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            LockHolderMain.class.getName(),
            file.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static BufferedReader awaitWriting(Process child) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), US_ASCII));
    assertThat(out.readLine()).isEqualTo("WRITING");
    return out;
  }

  private Path childTemp() {
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
}
