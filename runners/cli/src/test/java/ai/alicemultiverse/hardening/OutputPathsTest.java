package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.cli.AliceCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Where the commands write: refused before anything is written when it would replace a media file, let a
 * rebuild's clean-up loose in a media folder or mix exports with the cache; allowed (and harmless) when the
 * cache lives inside a scanned root.
 */
@Timeout(300)
class OutputPathsTest {
  @TempDir Path work;

  private record Run(int exit, String err) {}

  private static Run alice(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = AliceCommand.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, err.toString());
  }

  private Path media() throws IOException {
    Path root = work.resolve("media");
    if (!Files.isDirectory(root)) {
      HardeningCorpus.copyInto(root);
    }
    return root;
  }

  @Test
  void aParquetFolderThatIsOrHoldsAScannedRootIsRefusedAndNothingIsTouched() throws Exception {
    Path root = media();
    Files.copy(root.resolve("vectors-plain.jpg"), root.resolve("run-2024.jpg")); // what a clean-up would delete
    Map<String, Long> before = Tree.of(root);
    Path cache = work.resolve("alice.duckdb");

    Run same = alice("rebuild", root.toString(), "--cache", cache.toString(), "--parquet", root.toString());
    Run parent = alice("rebuild", root + "/*.jpg", "--cache", cache.toString(), "--parquet", work.toString());

    assertThat(same.exit()).isEqualTo(2);
    assertThat(same.err()).contains("alice rebuild: --parquet: " + root + " is the scanned root " + root
        + "; every rebuild deletes the older run-* entries");
    assertThat(parent.exit()).isEqualTo(2);
    assertThat(parent.err()).contains("--parquet: " + work + " holds the scanned root " + root);
    assertThat(Tree.of(root)).isEqualTo(before);
    assertThat(cache).doesNotExist();
  }

  @Test
  void anObjectStoreHandOffThatHoldsAScannedRootOrIsNoPlainPrefixIsRefusedBeforeAnyRequest() {
    Path cache = work.resolve("alice.duckdb");

    Run holds = alice("rebuild", "s3://media/archive/2025", "--cache", cache.toString(), "--parquet", "s3://media/archive");
    Run dots = alice("rebuild", "s3://media/archive", "--cache", cache.toString(), "--parquet", "gs://lake/alice/../x");
    Run noBucket = alice("rebuild", "s3://media/archive", "--cache", cache.toString(), "--parquet", "s3:///alice");

    assertThat(holds.exit()).isEqualTo(2);
    assertThat(holds.err()).contains("--parquet: s3://media/archive is or holds the scanned root"
        + " s3://media/archive/2025; every rebuild deletes the older run-* objects of its hand-off");
    assertThat(dots.exit()).isEqualTo(2);
    assertThat(dots.err()).contains("--parquet: 'gs://lake/alice/../x' has a '..' segment");
    assertThat(noBucket.exit()).isEqualTo(2);
    assertThat(noBucket.err()).contains("--parquet: 's3:///alice' names no bucket");
    assertThat(cache).doesNotExist();
  }

  @Test
  void aRebuildDeletesOnlyItsOwnOlderRunFoldersFromTheHandOff() throws Exception {
    Path root = media();
    Path cache = work.resolve("alice.duckdb");
    Path handOff = Files.createDirectories(work.resolve("handoff"));
    Path notOurs = Files.writeString(handOff.resolve("run-notes.txt"), "kept");

    assertThat(alice("rebuild", root.toString(), "--cache", cache.toString(), "--parquet", handOff.toString()).exit())
        .isZero();
    assertThat(alice("rebuild", root.toString(), "--cache", cache.toString(), "--parquet", handOff.toString()).exit())
        .isZero();

    assertThat(notOurs).hasContent("kept");
    try (Stream<Path> runs = Files.list(handOff)) {
      assertThat(runs.filter(Files::isDirectory).count()).as("only the newest run stays").isEqualTo(1);
    }
  }

  @Test
  void aCachePathThatIsAFolderOrAMediaFileIsRefused() throws Exception {
    Path root = media();
    Path photo = root.resolve("vectors-plain.jpg");
    String digest = CrashDuringWriteTest.digest(photo);

    Run onPhoto = alice("rebuild", root.toString(), "--cache", photo.toString());
    Run onFolder = alice("rebuild", root.toString(), "--cache", work.toString());
    Run ingestOnPhoto = alice("ingest", root.toString(), "--cache", root.resolve("new.png").toString());

    assertThat(onPhoto.exit()).isEqualTo(2);
    assertThat(onPhoto.err()).contains("--cache: " + photo + " is named like a media file and would be replaced");
    assertThat(onFolder.exit()).isEqualTo(2);
    assertThat(onFolder.err()).contains("--cache: " + work + " is a folder; name the cache file, e.g. "
        + work.resolve("alice.duckdb"));
    assertThat(ingestOnPhoto.exit()).isEqualTo(2);
    assertThat(root.resolve("new.png")).doesNotExist();
    assertThat(CrashDuringWriteTest.digest(photo)).isEqualTo(digest);
  }

  @Test
  void anExportToAFileTheCacheFolderTheHandOffOrAnEscapingKeyIsRefused() throws Exception {
    Path root = media();
    Path cacheDir = Files.createDirectories(work.resolve("cache"));
    Path cache = cacheDir.resolve("alice.duckdb");
    assertThat(alice("rebuild", root.toString(), "--cache", cache.toString()).exit()).isZero();
    Path aFile = Files.writeString(work.resolve("exports.txt"), "not a folder");
    Path handOff = cacheDir.resolve("alice-parquet");

    Run toFile = alice("export", "--cache", cache.toString(), "--to", aFile.toString());
    Run toCacheDir = alice("export", "--cache", cache.toString(), "--to", cacheDir + "/sub/..");
    Run toHandOff = alice("export", "--cache", cache.toString(), "--to", handOff.resolve("x").toString());
    Run escaping = alice("export", "--cache", cache.toString(), "--to", "s3://lake/exports/../other");

    assertThat(List.of(toFile.exit(), toCacheDir.exit(), toHandOff.exit(), escaping.exit()))
        .containsOnly(2);
    assertThat(toFile.err()).contains("alice export: --to: " + aFile + " is a file");
    assertThat(toCacheDir.err()).contains("--to: " + cacheDir + " is the cache's own folder");
    assertThat(toHandOff.err()).contains("--to: " + handOff.resolve("x") + " is inside the cache's Parquet hand-off");
    assertThat(escaping.err()).contains("--to: 's3://lake/exports/../other' has a '..' segment");
    assertThat(aFile).hasContent("not a folder");
    try (Stream<Path> entries = Files.list(cacheDir)) {
      assertThat(entries.map(p -> p.getFileName().toString()).toList())
          .containsExactlyInAnyOrder("alice.duckdb", "alice-parquet");
    }

    // A '..' in a local path is ordinary shell usage: resolved, and the run published where it points.
    Run plain = alice("export", "--cache", cache.toString(), "--to", work.resolve("a/../exports").toString());
    assertThat(plain.exit()).as(plain.err()).isZero();
    try (Stream<Path> runs = Files.list(work.resolve("exports"))) {
      assertThat(runs.filter(p -> Files.exists(p.resolve("_SUCCESS"))).count()).isEqualTo(1);
    }
  }

  @Test
  void aCacheInsideTheScannedRootIsAllowedAndItsOwnFilesAreNeverIndexed() throws Exception {
    Path root = media();
    Path outside = work.resolve("outside/alice.duckdb");
    Path inside = root.resolve("alice.duckdb"); // hand-off at media/alice-parquet, inside the root too
    assertThat(alice("rebuild", root.toString(), "--cache", outside.toString()).exit()).isZero();

    assertThat(alice("rebuild", root.toString(), "--cache", inside.toString()).exit()).isZero();
    assertThat(alice("rebuild", root.toString(), "--cache", inside.toString()).exit()).isZero();
    assertThat(alice("ingest", root.toString(), "--cache", inside.toString()).exit()).isEqualTo(1); // damaged sample

    Set<String> insidePaths = paths(inside);
    assertThat(insidePaths).noneMatch(p -> p.contains("alice.duckdb") || p.contains("alice-parquet"));
    assertThat(insidePaths.stream().filter(p -> p.startsWith("L ")).toList())
        .isEqualTo(paths(outside).stream().filter(p -> p.startsWith("L ")).toList()).isNotEmpty();
  }

  @Test
  void aRebuildRemovesTheHalfBuiltCacheOfAKilledRebuild() throws Exception {
    Path root = media();
    Path cache = work.resolve("cache/alice.duckdb");
    Files.createDirectories(cache.getParent());
    Path halfBuilt = Files.writeString(cache.resolveSibling(".alice.duckdb.building-0dead"), "half");
    Path halfLog = Files.writeString(cache.resolveSibling(".alice.duckdb.building-0dead.wal"), "log");

    assertThat(alice("rebuild", root.toString(), "--cache", cache.toString()).exit()).isZero();

    assertThat(halfBuilt).doesNotExist();
    assertThat(halfLog).doesNotExist();
    try (Stream<Path> entries = Files.list(cache.getParent())) {
      assertThat(entries.map(p -> p.getFileName().toString()).toList())
          .containsExactlyInAnyOrder("alice.duckdb", "alice-parquet");
    }
  }

  /** Every location and error path of a cache. */
  private static Set<String> paths(Path cache) throws Exception {
    Set<String> paths = new java.util.TreeSet<>();
    paths.addAll(HostileInputTest.column(cache, "SELECT 'L ' || path FROM locations"));
    paths.addAll(HostileInputTest.column(cache, "SELECT 'E ' || path FROM errors"));
    return paths;
  }

  /** Every entry under a folder (links not followed) with its size and mtime folded into one number. */
  private static final class Tree {
    static Map<String, Long> of(Path root) throws IOException {
      Map<String, Long> entries = new java.util.TreeMap<>();
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : walk.toList()) {
          entries.put(root.relativize(p).toString(), Files.size(p) * 31 + Files.getLastModifiedTime(p).toMillis());
        }
      }
      return entries;
    }
  }
}
