package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A scanned tree is only read: symlink loops do not hang the scan and nothing is written inside the roots. */
class ScanSafetyTest {
  @TempDir Path work;

  @Test
  @Timeout(120)
  void symlinkLoopsDoNotHangTheScanAndTheRootsStayUntouched() throws Exception {
    Path root = work.resolve("media");
    HardeningCorpus.copyInto(root.resolve("a/b"));
    Files.createSymbolicLink(root.resolve("a/b/up"), root);            // a loop through an ancestor
    Files.createSymbolicLink(root.resolve("a/self"), Path.of("."));     // a loop onto itself
    Files.createSymbolicLink(root.resolve("a/b/ping"), root.resolve("a/b/pong"));
    Files.createSymbolicLink(root.resolve("a/b/pong"), root.resolve("a/b/ping")); // a cycle of two links
    Map<String, Long> before = tree(root);
    Path cache = work.resolve("cache/alice.duckdb");

    RebuildPipeline.run(new RebuildConfig(List.of(root.toString()), cache, RebuildConfig.defaultParquetDir(cache),
            false),
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create(),
        new PrintStream(PrintStream.nullOutputStream()));

    int files = HardeningCorpus.originals().size();
    long rows = HostileInputTest.column(cache, "SELECT path FROM locations").size()
        + HostileInputTest.column(cache, "SELECT path FROM errors").size();
    assertThat(rows).isGreaterThanOrEqualTo(files);
    assertThat(tree(root)).isEqualTo(before);
  }

  @Test
  @Timeout(120)
  void aRebuildWritesNothingInsideTheRootsItScans() throws Exception {
    Path root = work.resolve("media");
    HardeningCorpus.copyInto(root.resolve("a/b"));
    Files.createSymbolicLink(root.resolve("a/link-to-b"), root.resolve("a/b"));
    Map<String, Long> before = tree(root);
    Path cache = work.resolve("cache/alice.duckdb");

    RebuildPipeline.run(new RebuildConfig(List.of(root.toString()), cache, RebuildConfig.defaultParquetDir(cache),
            false),
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create(),
        new PrintStream(PrintStream.nullOutputStream()));

    assertThat(HostileInputTest.column(cache, "SELECT path FROM locations")).isNotEmpty();
    assertThat(tree(root)).isEqualTo(before);
  }

  /** Every entry under {@code root} (links not followed) with its size and mtime folded into one number. */
  private static Map<String, Long> tree(Path root) throws IOException {
    Map<String, Long> entries = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        long stamp = Files.isSymbolicLink(p) ? -1
            : Files.size(p) * 31 + Files.getLastModifiedTime(p).toMillis();
        entries.put(root.relativize(p).toString(), stamp);
      }
    }
    return entries;
  }
}
