package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder alice may not read is an error row naming it, and its files are not taken for gone: a rebuild
 * keeps the old cache's locations under it, a scan does not judge them vanished, verify reports the
 * folder unreadable rather than its copies missing. The commands run as a process that cannot bypass
 * file permissions (root here would read a mode 000 folder anyway).
 */
class UnreadableFolderTest {
  @TempDir Path work;
  private Path root;
  private Path locked;
  private Path cache;

  @BeforeEach
  void sixFilesInTwoFolders() throws Exception {
    root = work.resolve("media");
    locked = root.resolve("b");
    cache = work.resolve("cache/alice.duckdb");
    for (int i = 0; i < 6; i++) {
      Path folder = root.resolve(i < 3 ? "a" : "b");
      Files.createDirectories(folder);
      BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
      image.setRGB(0, 0, 0x102030 * (i + 1)); // six different media
      ImageIO.write(image, "png", folder.resolve("img-" + i + ".png").toFile());
    }
    Files.createDirectories(cache.getParent());
    assertThat(alice("rebuild", root.toString(), "--cache", cache.toString()).exit).isZero();
    assertThat(count("SELECT count(*) FROM locations WHERE state = 'present'")).isEqualTo(6);
  }

  @AfterEach
  void unlock() throws IOException {
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  @Timeout(180)
  void aRebuildKeepsTheLocationsOfAFolderItCannotRead() throws Exception {
    Set<String> before = HostileInputTest.column(cache,
        "SELECT path || ' ' || last_verified FROM locations WHERE path LIKE '%/b/%'");
    lock();

    Run rebuild = alice("rebuild", root.toString(), "--cache", cache.toString());

    assertThat(rebuild.exit).as(rebuild.output).isZero();
    assertThat(rebuild.output).contains(locked + ": could not be read (permission denied)");
    assertThat(HostileInputTest.column(cache, "SELECT path || ' ' || stage || ' ' || reason FROM errors"))
        .containsExactly(locked + " list could not be read (permission denied): nothing under it was listed");
    assertThat(count("SELECT count(*) FROM locations WHERE state = 'present'")).isEqualTo(6);
    assertThat(HostileInputTest.column(cache,
        "SELECT path || ' ' || last_verified FROM locations WHERE path LIKE '%/b/%'"))
        .as("the kept locations, as last seen").isEqualTo(before);
    assertThat(count("SELECT count(*) FROM assets")).isEqualTo(6);
    assertThat(count("SELECT sum(location_count) FROM assets")).isEqualTo(6);
    assertThat(count("SELECT sum(len(locations)) FROM assets")).isEqualTo(6);
    assertThat(count("SELECT count(*) FROM search_assets")).as("the search index has the kept assets").isEqualTo(6);
    assertThat(count("SELECT count(*) FROM search_locations")).isEqualTo(6);

    Run verify = alice("verify", root.toString(), "--cache", cache.toString());
    assertThat(verify.exit).as(verify.output).isEqualTo(1);
    assertThat(verify.output).contains("unreadable " + locked + ": the folder could not be read (permission denied)")
        .doesNotContain("missing");
  }

  @Test
  @Timeout(180)
  void aScanDoesNotJudgeTheFilesOfAFolderItCannotReadVanished() throws Exception {
    lock();

    Run scan = alice("scan", root.toString(), "--cache", cache.toString());

    assertThat(scan.exit).as(scan.output).isEqualTo(1); // files could not be read
    assertThat(count("SELECT count(*) FROM locations WHERE state = 'present'")).isEqualTo(6);
    assertThat(count("SELECT count(*) FROM locations WHERE state <> 'present'")).isZero();
    assertThat(HostileInputTest.column(cache, "SELECT path || ' ' || reason FROM errors WHERE stage = 'list'"))
        .containsExactly(locked + " could not be read (permission denied): nothing under it was listed");

    unlock();
    Run again = alice("scan", root.toString(), "--cache", cache.toString());
    assertThat(again.exit).as(again.output).isZero();
    assertThat(count("SELECT count(*) FROM errors")).as("readable again: no longer an error").isZero();
    assertThat(count("SELECT count(*) FROM locations WHERE state = 'present'")).isEqualTo(6);
  }

  @Test
  @Timeout(240)
  void aKeptCopyWithNewerMetadataStillGivesItsAssetItsMetadata() throws Exception {
    Path copy = locked.resolve("copy-of-0.png");
    Files.copy(root.resolve("a/img-0.png"), copy);
    Run tag = alice("tag", copy.toString(), "--description", "only the locked copy says this");
    assertThat(tag.exit).as(tag.output).isZero();
    assertThat(alice("rebuild", root.toString(), "--cache", cache.toString()).exit).isZero();
    Set<String> asSeen = HostileInputTest.column(cache,
        "SELECT description || ' ' || metadata_conflict || ' ' || location_count FROM assets WHERE description IS NOT NULL");
    assertThat(asSeen).containsExactly("only the locked copy says this true 2");
    lock();

    Run rebuild = alice("rebuild", root.toString(), "--cache", cache.toString());

    assertThat(rebuild.exit).as(rebuild.output).isZero();
    assertThat(HostileInputTest.column(cache,
        "SELECT description || ' ' || metadata_conflict || ' ' || location_count FROM assets WHERE description IS NOT NULL"))
        .as("the asset as a rebuild of the folder as last seen makes it").isEqualTo(asSeen);
    assertThat(count("SELECT count(*) FROM locations WHERE state = 'present'")).isEqualTo(7);
  }

  private void lock() throws Exception {
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    Process ls = new ProcessBuilder(restricted(List.of("ls", locked.toString()))).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assumeTrue(ls.waitFor() != 0, "this process can read a folder of mode 000 even without its privileges");
  }

  private record Run(int exit, String output) {}

  /** {@code alice ARGS...} in a child JVM that file permissions apply to. */
  private Run alice(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("ai.alicemultiverse.cli.AliceCommand");
    command.addAll(List.of(args));
    Path log = Files.createTempFile(work, "alice", ".log");
    Process process = new ProcessBuilder(restricted(command)).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!process.waitFor(150, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("alice " + String.join(" ", args) + " did not finish: "
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /**
   * {@code command} without the power to bypass file permissions: as root, with the capabilities that
   * grant it dropped ({@code setpriv}); as anyone else, as it is.
   */
  private static List<String> restricted(List<String> command) {
    if (!"root".equals(System.getProperty("user.name"))) {
      return command;
    }
    List<String> restricted = new ArrayList<>(List.of("setpriv", "--inh-caps=-all",
        "--bounding-set=-dac_read_search,-dac_override", "--"));
    restricted.addAll(command);
    return restricted;
  }

  private long count(String query) throws Exception {
    return Long.parseLong(HostileInputTest.column(cache, query).iterator().next());
  }
}
