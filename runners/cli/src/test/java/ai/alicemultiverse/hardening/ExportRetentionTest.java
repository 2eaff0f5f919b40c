package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.cli.AliceCommand;
import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.pipelines.Samples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What an export leaves in its folder: {@code --keep} never removes the run it has just published, whatever
 * other folders are called (one dated in the future sorts after it); and what a killed export left behind
 * (its staging folder, its lock file, a lock file alone) is cleared by the next export, with or without
 * {@code --keep}, while a lock another export holds is left alone.
 */
@Timeout(300)
class ExportRetentionTest {
  private static final String FUTURE = "run-29991231T235959Z-ffffffff";

  @TempDir static Path work;
  static Path cache;

  @BeforeAll
  static void rebuild() throws Exception {
    cache = work.resolve("alice.duckdb");
    RebuildPipeline.run(new RebuildConfig(List.of(Samples.dir().toString()), cache,
            RebuildConfig.defaultParquetDir(cache), false),
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create(),
        new PrintStream(PrintStream.nullOutputStream()));
  }

  private record Run(int exit, String out) {}

  private static Run export(Path to, String... more) {
    StringWriter err = new StringWriter();
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      CommandLine cli = AliceCommand.commandLine();
      cli.setErr(new PrintWriter(err, true));
      List<String> args = new java.util.ArrayList<>(List.of("export", "--to", to.toString(), "--cache",
          cache.toString(), "--query", "SELECT content_hash FROM assets"));
      args.addAll(List.of(more));
      int exit = cli.execute(args.toArray(String[]::new));
      return new Run(exit, out.toString(StandardCharsets.UTF_8) + err);
    } finally {
      System.setOut(original);
    }
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String published(Run run) {
    return run.out().lines().filter(l -> l.contains("run-")).findFirst()
        .map(l -> l.replaceAll(".*(run-\\d{8}T\\d{6}Z-[0-9a-f]{8}).*", "$1")).orElseThrow();
  }

  @Test
  void keepOneNeverRemovesTheRunJustPublishedWhenAFolderIsDatedInTheFuture() throws Exception {
    Path to = work.resolve("future");
    Path future = Files.createDirectories(to.resolve(FUTURE));
    Files.createFile(future.resolve("_SUCCESS"));
    Run first = export(to);
    Run second = export(to, "--keep", "1");
    assertThat(second.exit()).as(second.out()).isZero();
    String mine = published(second);
    assertThat(to.resolve(mine).resolve("_SUCCESS")).as(second.out()).isRegularFile();
    assertThat(names(to)).as(second.out()).containsExactly("LATEST", mine);
    assertThat(published(first)).isNotEqualTo(mine);
  }

  @Test
  void keepTwoKeepsTheRunJustPublishedAndTheNewestOther() throws Exception {
    Path to = work.resolve("future-two");
    Path future = Files.createDirectories(to.resolve(FUTURE));
    Files.createFile(future.resolve("_SUCCESS"));
    export(to);
    Run last = export(to, "--keep", "2");
    assertThat(last.exit()).as(last.out()).isZero();
    assertThat(names(to)).containsExactlyInAnyOrder("LATEST", FUTURE, published(last));
  }

  @Test
  void whatAKilledExportLeftIsClearedByTheNextExportEvenWithoutKeep() throws Exception {
    Path to = Files.createDirectories(work.resolve("orphans"));
    // A killed export leaves its staging folder and lock; killed before its folder existed or after it was
    // published (while pruning), only the lock file.
    Path staging = Files.createDirectories(to.resolve(".staging-run-20200101T000000Z-0000dead"));
    Files.writeString(staging.resolve("half.parquet"), "half");
    Path stagingLock = Files.createFile(to.resolve(".staging-run-20200101T000000Z-0000dead.lock"));
    Path loneLock = Files.createFile(to.resolve(".staging-run-20200101T000000Z-00000001.lock"));
    FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
    for (Path p : List.of(staging, stagingLock, loneLock)) {
      Files.setLastModifiedTime(p, old);
    }
    Run run = export(to);
    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(names(to)).containsExactly("LATEST", published(run));
  }

  @Test
  void aLockAnotherExportHoldsIsLeftAlone() throws Exception {
    Path to = Files.createDirectories(work.resolve("held"));
    Path lock = to.resolve(".staging-run-20200101T000000Z-0000a11e.lock");
    Files.setLastModifiedTime(Files.createFile(lock), FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    // Another process holds it as an export does (a POSIX record lock, what FileChannel.lock takes).
    Process holder = new ProcessBuilder("python3", "-c", "import fcntl, sys, time\n"
        + "f = open(sys.argv[1], 'r+')\nfcntl.lockf(f, fcntl.LOCK_EX)\nprint('held', flush=True)\ntime.sleep(60)",
        lock.toString()).start();
    try {
      assertThat(new String(holder.getInputStream().readNBytes(4), StandardCharsets.UTF_8)).isEqualTo("held");
      Run run = export(to, "--keep", "1");
      assertThat(run.exit()).as(run.out()).isZero();
      assertThat(lock).exists();
    } finally {
      holder.destroy();
      holder.waitFor();
    }
  }
}
