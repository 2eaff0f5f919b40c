package ai.alicemultiverse.hardening;

import static ai.alicemultiverse.hardening.AliceInFolder.png;
import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.hardening.AliceInFolder.Run;
import ai.alicemultiverse.library.LibraryFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library file as a user meets it: real alice.toml files, real child {@code alice} processes run
 * from a working folder, with their own XDG_CONFIG_HOME, on real media and a real DuckDB cache.
 */
class LibraryFileCommandsTest {
  @TempDir Path dir;
  private Path work;
  private Path xdg;
  private AliceInFolder alice;

  @BeforeEach
  void folders() throws Exception {
    work = Files.createDirectories(dir.resolve("work"));
    xdg = Files.createDirectories(dir.resolve("xdg"));
    alice = new AliceInFolder(xdg);
  }

  @Test
  @Timeout(200)
  void theWorkingFoldersFileComesBeforeXdgsAndConfigBeforeBoth() throws Exception {
    png(dir.resolve("media/a/a.png"), 1);
    png(dir.resolve("media/b/b.png"), 2);
    png(dir.resolve("media/c/c.png"), 3);
    Files.createDirectories(xdg.resolve("alice"));
    Files.writeString(xdg.resolve("alice/alice.toml"),
        "cache = \"xdg.duckdb\"\n[[location]]\npath = \"" + dir.resolve("media/b") + "\"\n");
    Files.writeString(work.resolve("alice.toml"), "cache = \"work.duckdb\"\n[[location]]\npath = \"../media/a\"\n");
    Files.writeString(dir.resolve("c.toml"), "cache = \"c.duckdb\"\n[[location]]\npath = \"media/c\"\n");
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

    Run fromXdg = alice.run(elsewhere, "rebuild");
    assertThat(fromXdg.exit()).as(fromXdg.output()).isZero();
    assertThat(fromXdg.output()).contains("library: " + xdg.resolve("alice/alice.toml"));
    assertThat(paths(xdg.resolve("alice/xdg.duckdb"))).containsExactly(dir.resolve("media/b/b.png").toString());

    // which file the lookup takes is what matters here: verify names it and its cache without a pipeline run
    Run fromWork = alice.run(work, "verify");
    assertThat(fromWork.output()).contains("library: " + work.resolve("alice.toml"))
        .contains(work.resolve("work.duckdb") + ": no cache here");

    Run named = alice.run(work, "verify", "--config", "../c.toml");
    assertThat(named.output()).contains("library: " + dir.resolve("c.toml"))
        .contains(dir.resolve("c.duckdb") + ": no cache here");
    assertThat(Files.exists(elsewhere.resolve("alice.duckdb"))).as("no cache in the working folder").isFalse();
  }

  @Test
  @Timeout(300)
  void rebuildScanAndVerifyWithoutRootsWorkOnTheConfiguredLocations() throws Exception {
    Path usb = dir.resolve("usb");
    Path disk = dir.resolve("disk");
    png(usb.resolve("one.png"), 1);
    png(disk.resolve("two.png"), 2);
    png(dir.resolve("not-configured/three.png"), 3);
    Files.writeString(work.resolve("alice.toml"), """
        cache = "cache/alice.duckdb"

        [[location]]
        path = "../usb"
        storage_type = "external"

        [[location]]
        path = "../disk"
        """);
    Path cache = work.resolve("cache/alice.duckdb");
    Files.createDirectories(cache.getParent());

    Run rebuild = alice.run(work, "rebuild");

    assertThat(rebuild.exit()).as(rebuild.output()).isZero();
    assertThat(rebuild.output()).contains("cache:   " + cache);
    assertThat(HostileInputTest.column(cache, "SELECT path || ' ' || storage_type FROM locations"))
        .containsExactlyInAnyOrder(usb.resolve("one.png") + " external", disk.resolve("two.png") + " local");
    assertThat(HostileInputTest.column(cache, "SELECT list_sort(roots)::VARCHAR FROM runs"))
        .containsExactly("[" + disk + ", " + usb + "]");

    Run search = alice.run(work, "search", "--storage", "external");
    assertThat(search.exit()).as("the library file's cache, searched by its label: " + search.output()).isZero();
    assertThat(search.output()).contains(usb.resolve("one.png").toString())
        .doesNotContain(disk.resolve("two.png").toString());

    png(usb.resolve("later/four.png"), 4);
    Run scan = alice.run(work, "scan");

    assertThat(scan.exit()).as(scan.output()).isZero();
    assertThat(HostileInputTest.column(cache, "SELECT storage_type FROM locations WHERE path LIKE '%four.png'"))
        .as("a scan labels what it finds too").containsExactly("external");

    Run clean = alice.run(work, "verify");
    assertThat(clean.exit()).as(clean.output()).isZero();
    assertThat(clean.output()).contains("no drift");

    png(disk.resolve("five.png"), 5);
    Run drift = alice.run(work, "verify");
    assertThat(drift.exit()).as(drift.output()).isEqualTo(1);
    assertThat(drift.output()).as("new files are only looked for under ROOTs: the configured ones")
        .contains("new        " + disk.resolve("five.png"));
  }

  @Test
  @Timeout(200)
  void watchWithoutRootsFollowsTheConfiguredLocationsWithTheirStorageTypes() throws Exception {
    Path usb = dir.resolve("usb");
    png(usb.resolve("one.png"), 1);
    Files.writeString(work.resolve("alice.toml"),
        "cache = \"w.duckdb\"\n[[location]]\npath = \"../usb\"\nstorage_type = \"external\"\n");
    Path cache = work.resolve("w.duckdb");
    Path log = dir.resolve("watch.log");

    Process watch = alice.start(work, log, "watch", "--interval", "500ms");
    try {
      java.util.Set<String> seen = java.util.Set.of();
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(150);
      while (seen.isEmpty() && watch.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(300);
        if (Files.exists(cache)) {
          try {
            seen = HostileInputTest.column(cache, "SELECT path || ' ' || storage_type FROM locations");
          } catch (java.sql.SQLException e) {
            // the watch holds the file for a batch: look again
          }
        }
      }
      String output = Files.readString(log);
      assertThat(seen).as(output).containsExactly(usb.resolve("one.png") + " external");
      assertThat(output).contains("library: " + work.resolve("alice.toml"))
          .contains("watching " + usb + " every 0.5s into " + cache);
    } finally {
      watch.destroy();
      if (!watch.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        watch.destroyForcibly();
      }
    }
  }

  @Test
  @Timeout(200)
  void anIngestTypesItsFilesAsTheRebuildDoes() throws Exception {
    Path usb = dir.resolve("usb");
    png(usb.resolve("one.png"), 1);
    Files.writeString(work.resolve("alice.toml"),
        "cache = \"i.duckdb\"\n[[location]]\npath = \"../usb\"\nstorage_type = \"external\"\n");

    Run ingest = alice.run(work, "ingest", "../usb");

    assertThat(ingest.exit()).as(ingest.output()).isZero();
    assertThat(HostileInputTest.column(work.resolve("i.duckdb"), "SELECT path || ' ' || storage_type FROM locations"))
        .containsExactly(usb.resolve("one.png") + " external");
  }

  @Test
  @Timeout(120)
  void withoutRootsOrLibraryFileTheCommandsSayHowToWriteOne() throws Exception {
    for (String command : new String[] {"rebuild", "scan", "watch"}) {
      Run run = alice.run(work, command);

      assertThat(run.exit()).as(run.output()).isEqualTo(2);
      assertThat(run.output()).contains("alice " + command + ": no PATH given and no library file")
          .contains(work.resolve("alice.toml").toString()).contains(xdg.resolve("alice/alice.toml").toString())
          .contains("'alice init'").contains("--config FILE");
    }
    assertThat(work.toFile().list()).as("nothing written").isEmpty();
  }

  @Test
  @Timeout(120)
  void initWritesAStarterFileThatParsesAndNeverOverwritesOneWithoutForce() throws Exception {
    Path file = work.resolve("alice.toml");

    Run init = alice.run(work, "init");
    assertThat(init.exit()).as(init.output()).isZero();
    assertThat(init.output()).contains("wrote " + file);
    String starter = Files.readString(file);
    assertThat(starter).contains("# [[location]]").contains("storage_type").contains("s3_endpoint");
    assertThat(LibraryFile.read(file).cache()).isEqualTo(work.resolve("alice.duckdb"));

    Files.writeString(file, starter + "\n[[location]]\npath = \"mine\"\n");
    Run again = alice.run(work, "init");
    assertThat(again.exit()).as(again.output()).isEqualTo(1);
    assertThat(again.output()).contains(file + ": a library file is already there (--force replaces it)");
    assertThat(Files.readString(file)).endsWith("path = \"mine\"\n");

    Run forced = alice.run(work, "init", "--force", "--location", "media", "--location", "s3://bucket/ai/");
    assertThat(forced.exit()).as(forced.output()).isZero();
    assertThat(LibraryFile.read(file).roots()).containsExactly(work.resolve("media").toString(), "s3://bucket/ai");
    assertThat(work.toFile().list()).as("no temporary file left").containsExactly("alice.toml");
  }

  @Test
  @Timeout(120)
  void aBadLibraryFileIsNamedWithItsLineAndKey() throws Exception {
    Path file = work.resolve("alice.toml");
    Files.writeString(file, "[[location]]\npth = \"media\"\n");

    Run run = alice.run(work, "rebuild");

    assertThat(run.exit()).as(run.output()).isEqualTo(2);
    assertThat(run.output()).contains("alice rebuild: " + file + " line 2: [[location]] 1: unknown key 'pth'");
    assertThat(Files.exists(work.resolve("alice.duckdb"))).isFalse();
  }

  private static java.util.Set<String> paths(Path cache) throws Exception {
    return HostileInputTest.column(cache, "SELECT path FROM locations");
  }
}
