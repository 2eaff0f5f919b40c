package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.hardening.AliceInProcess.Ran;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan after a file was deleted leaves the cache as a rebuild of the same files makes it: the gone
 * file's location, and its asset when it had no other copy, leave the cache, search no longer finds
 * it, and the scan says so. Regression: the scan marked the location {@code missing} and kept the asset
 * (with its tags and search rows), so {@code alice search} still returned media that no longer existed
 * anywhere, and the cache differed from a rebuild.
 */
@Timeout(300)
class ScanForgetsVanishedFilesTest {
  @TempDir Path work;

  @Test
  void aDeletedFileLeavesTheCacheAndSearchAtTheNextScan() throws Exception {
    Path pics = Files.createDirectories(work.resolve("pics"));
    Path kept = pics.resolve("alley.png");
    Path gone = Files.createDirectories(pics.resolve("sub")).resolve("harbor.jpg");
    Files.copy(HardeningCorpus.samples().resolve("renders/neon-alley.png"), kept);
    Files.copy(HardeningCorpus.samples().resolve("renders/sunset-harbor.jpg"), gone);
    gone.toFile().setWritable(true);
    assertThat(AliceInProcess.run("tag", gone.toString(), "--add", "subject:lighthouse").exit()).isZero();
    Path cache = Files.createDirectories(work.resolve("cache")).resolve("alice.duckdb");
    assertThat(AliceInProcess.run("rebuild", pics.toString(), "--cache", cache.toString()).exit()).isZero();
    String hash = HostileInputTest.column(cache, "SELECT content_hash FROM locations WHERE path = '" + gone + "'")
        .iterator().next();
    assertThat(search(cache).output()).as("found before the delete").contains(hash).contains(gone.toString());

    Files.delete(gone);
    Ran scan = AliceInProcess.run("scan", pics.toString(), "--cache", cache.toString());

    assertThat(scan.exit()).as(scan.output()).isZero();
    Ran search = search(cache);
    assertThat(search.exit()).isIn(0, 1);
    assertThat(search.output()).as("search --tag subject:lighthouse after the scan").doesNotContain(hash)
        .doesNotContain(gone.toString());
    assertThat(HostileInputTest.column(cache, "SELECT count(*) FROM assets")).containsExactly("1");
    assertThat(scan.output()).contains("vanished  " + gone)
        .contains("1 file(s) vanished since the last run: removed from the cache");
    Path fresh = Files.createDirectories(work.resolve("fresh")).resolve("alice.duckdb");
    assertThat(AliceInProcess.run("rebuild", pics.toString(), "--full", "--cache", fresh.toString()).exit()).isZero();
    assertThat(CacheEquality.differences(cache, fresh)).isEmpty();
  }

  private static Ran search(Path cache) {
    return AliceInProcess.run("search", "--tag", "subject:lighthouse", "--json", "--cache", cache.toString());
  }
}
