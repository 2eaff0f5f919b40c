package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.cli.AliceCommand;
import ai.alicemultiverse.media.MetadataEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command changes only what it looked at, and what it changes is what a rebuild of every root makes.
 * Each command runs through the command line in this process; the cache is compared with a rebuild of
 * all roots into a fresh file ({@link CacheEquality}).
 */
class ScopedChangesTest {
  @TempDir Path work;

  private long clock = 1_000_000_000_000L;

  /** A copy of a render carrying {@code description}, newer than the copies made before it. */
  private Path render(Path file, String description) throws Exception {
    Files.createDirectories(file.getParent());
    Files.copy(HardeningCorpus.samples().resolve("renders/neon-alley.png"), file);
    file.toFile().setWritable(true);
    MetadataEmbedder.embed(file, m -> m.toBuilder().description(description).build());
    clock += 86_400_000L;
    Files.setLastModifiedTime(file, FileTime.fromMillis(clock));
    return file;
  }

  private static void alice(String... args) {
    int exit = AliceCommand.commandLine().execute(args);
    assertThat(exit).as("alice " + String.join(" ", args)).isIn(0, 1);
  }

  private void assertSameAsFreshRebuild(Path cache, Path... roots) throws Exception {
    Path fresh = Files.createDirectories(work.resolve("fresh")).resolve("alice.duckdb");
    List<String> args = new ArrayList<>(List.of("rebuild"));
    for (Path root : roots) {
      args.add(root.toString());
    }
    args.addAll(List.of("--cache", fresh.toString()));
    alice(args.toArray(String[]::new));
    assertThat(CacheEquality.differences(cache, fresh)).isEmpty();
  }

  /**
   * Regression: a rebuild with fewer roots than the cache holds dropped the other roots' locations
   * (here a scan's, as a watch's would be) and their error rows; the asset they share with the rebuilt
   * root lost its newer copy.
   */
  @Test
  void aRebuildOfFewerRootsKeepsTheOtherRootsRows() throws Exception {
    Path cache = work.resolve("cache/alice.duckdb");
    Path rootA = work.resolve("a");
    Path rootB = work.resolve("b");
    render(rootA.resolve("older.png"), "older copy");
    render(rootB.resolve("x/newer.png"), "newer copy");
    Files.copy(HardeningCorpus.samples().resolve("renders/sunset-harbor.jpg"), rootB.resolve("harbor.jpg"));
    Files.copy(HardeningCorpus.samples().resolve("damaged/truncated.jpg"), rootB.resolve("x/truncated.jpg"));
    // a sibling whose name starts like root a: not under it
    Path rootAb = work.resolve("ab");
    Files.createDirectories(rootAb);
    Files.copy(HardeningCorpus.samples().resolve("inbox/pattern.png"), rootAb.resolve("pattern.png"));
    alice("rebuild", rootA.toString(), "--cache", cache.toString());
    alice("scan", rootB.toString(), rootAb.toString(), "--cache", cache.toString());
    alice("rebuild", rootA.toString(), "--cache", cache.toString());

    assertThat(HostileInputTest.column(cache, "SELECT path FROM locations")).containsExactlyInAnyOrder(
        rootA.resolve("older.png").toString(), rootB.resolve("x/newer.png").toString(),
        rootB.resolve("harbor.jpg").toString(), rootAb.resolve("pattern.png").toString());
    assertThat(HostileInputTest.column(cache, "SELECT path FROM errors"))
        .containsExactly(rootB.resolve("x/truncated.jpg").toString());
    assertThat(HostileInputTest.column(cache, "SELECT description || ' ' || metadata_conflict FROM assets"
        + " WHERE location_count = 2")).containsExactly("newer copy true");
    assertSameAsFreshRebuild(cache, rootA, rootB, rootAb);
  }

  /**
   * Regression: an ingest in place left {@code metadata_conflict=false} for an asset whose four copies
   * disagree, where a rebuild of the same files says true; and it recorded the files it had just stamped
   * otherwise than a rebuild reads them (hash source, standard values).
   */
  @Test
  void anIngestAmongFourCopiesThatDisagreeMakesWhatARebuildMakes() throws Exception {
    Path cache = work.resolve("cache/alice.duckdb");
    Path rootA = work.resolve("a");
    Path rootB = work.resolve("b");
    render(rootA.resolve("one.png"), "first copy");
    render(rootA.resolve("sub/two.png"), "second copy");
    render(rootB.resolve("three.png"), "third copy");
    Path inbox = work.resolve("inbox");
    Files.createDirectories(inbox);
    Files.copy(HardeningCorpus.samples().resolve("renders/neon-alley.png"), inbox.resolve("four.png"));
    inbox.resolve("four.png").toFile().setWritable(true);
    alice("rebuild", rootA.toString(), rootB.toString(), "--cache", cache.toString());
    alice("ingest", inbox.toString(), "--cache", cache.toString());

    assertThat(HostileInputTest.column(cache, "SELECT location_count || ' ' || metadata_conflict FROM assets"))
        .containsExactly("4 true");
    assertSameAsFreshRebuild(cache, rootA, rootB, inbox);
  }
}
