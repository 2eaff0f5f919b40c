package ai.alicemultiverse.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --config, else the working folder, else XDG_CONFIG_HOME, else ~/.config: on real folders. */
class LibraryLookupTest {
  @TempDir Path dir;
  private Path work;
  private Path home;
  private Path xdg;

  @BeforeEach
  void folders() throws Exception {
    work = Files.createDirectories(dir.resolve("work"));
    home = Files.createDirectories(dir.resolve("home"));
    xdg = Files.createDirectories(dir.resolve("xdg"));
  }

  private static Path library(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, "cache = \"c.duckdb\"\n");
  }

  @Test
  void theWorkingFolderComesBeforeXdgConfigHome() throws Exception {
    Path inXdg = library(xdg.resolve("alice/alice.toml"));
    LibraryLookup lookup = new LibraryLookup(work, xdg.toString(), home);
    assertThat(lookup.find(null)).contains(inXdg);

    Path inWork = library(work.resolve("alice.toml"));
    assertThat(lookup.find(null)).contains(inWork);
  }

  @Test
  void withoutXdgConfigHomeTheHomesConfigFolder() throws Exception {
    Path inHome = library(home.resolve(".config/alice/alice.toml"));
    library(xdg.resolve("alice/alice.toml"));

    assertThat(new LibraryLookup(work, null, home).find(null)).contains(inHome);
    assertThat(new LibraryLookup(work, "relative/xdg", home).find(null))
        .as("a relative XDG_CONFIG_HOME is ignored, as the XDG rules say").contains(inHome);
  }

  @Test
  void configNamesTheFileWhateverElseIsThereAndMustExist() throws Exception {
    library(work.resolve("alice.toml"));
    Path named = library(dir.resolve("other/lib.toml"));
    LibraryLookup lookup = new LibraryLookup(work, xdg.toString(), home);

    assertThat(lookup.find(Path.of("../other/lib.toml"))).contains(named);
    assertThatThrownBy(() -> lookup.find(Path.of("missing.toml")))
        .hasMessageStartingWith(work.resolve("missing.toml") + ": no such library file");
  }

  @Test
  void noFileAnywhereIsNone() {
    assertThat(new LibraryLookup(work, xdg.toString(), home).find(null)).isEmpty();
  }
}
