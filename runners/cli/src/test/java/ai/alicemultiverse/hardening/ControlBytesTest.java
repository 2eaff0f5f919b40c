package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes of a file (a box type of ESC, newline, NUL) and a file name with ESC in it were copied raw into
 * error reasons, the errors table and the terminal: a file could clear the screen or forge output lines.
 */
class ControlBytesTest {
  /** A box type of ESC, newline, NUL and 'x', with a size that runs past the end of the file. */
  private static final byte[] HOSTILE_BOX = ByteBuffer.allocate(8).putInt(4096)
      .put(new byte[] {0x1B, '\n', 0, 'x'}).array();

  @TempDir Path work;

  @Test
  @Timeout(120)
  void controlBytesFromAFileAreEscapedInTheErrorsTableAndOnTheTerminal() throws Exception {
    Path root = Files.createDirectories(work.resolve("media"));
    Path file = root.resolve("red\u001b[31m.mp4");
    byte[] original = Files.readAllBytes(HardeningCorpus.vectors().resolve("plain.mp4"));
    Files.write(file, ByteBuffer.allocate(original.length + 8).put(original).put(HOSTILE_BOX).array());
    Path log = work.resolve("hash.log");
    Process hash = AliceProcess.start(List.of("hash", file.toString()), log);
    Path cache = work.resolve("cache/alice.duckdb");

    RebuildPipeline.run(new RebuildConfig(List.of(root.toString()), cache, RebuildConfig.defaultParquetDir(cache),
            false),
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create(),
        new PrintStream(PrintStream.nullOutputStream()));

    Set<String> reasons = HostileInputTest.column(cache, "SELECT reason FROM errors");
    assertThat(reasons).singleElement().asString().contains("\\x1B\\x0A\\x00x");
    assertThat(reasons.iterator().next()).doesNotContain("\u001b", "\n", "\0");
    assertThat(hash.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String printed = Files.readString(log);
    assertThat(printed).contains("red\\x1B[31m.mp4", "\\x1B\\x0A\\x00x").doesNotContain("\u001b", "\0");
    assertThat(printed.strip().lines()).as(printed).hasSize(1); // no line forged by the file's bytes
  }
}
