package ai.alicemultiverse.library;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the library file is: the one named with {@code --config}, else {@code alice.toml} in the working
 * folder, else {@code $XDG_CONFIG_HOME/alice/alice.toml} ({@code ~/.config/alice/alice.toml} when
 * XDG_CONFIG_HOME is unset or not absolute, as the XDG base-directory rules say).
 *
 * @param workingFolder where the command runs
 * @param xdgConfigHome the value of XDG_CONFIG_HOME, or null
 * @param home the user's home folder
 */
public record LibraryLookup(Path workingFolder, String xdgConfigHome, Path home) {

  /** The lookup of this process: its working folder, its environment, its user's home. */
  public static LibraryLookup ofThisProcess() {
    return new LibraryLookup(Path.of("").toAbsolutePath(), System.getenv("XDG_CONFIG_HOME"),
        Path.of(System.getProperty("user.home")));
  }

  /** The places looked at without {@code --config}, in order. */
  public List<Path> candidates() {
    Path configHome = xdgConfigHome != null && !xdgConfigHome.isEmpty() && Path.of(xdgConfigHome).isAbsolute()
        ? Path.of(xdgConfigHome) : home.resolve(".config");
    return List.of(workingFolder.resolve(LibraryFile.FILE_NAME),
        configHome.resolve("alice").resolve(LibraryFile.FILE_NAME));
  }

  /**
   * The library file to read: {@code named} when given (which must then exist), else the first candidate
   * that is a file.
   *
   * @throws IllegalArgumentException when {@code named} is not a file
   */
  public Optional<Path> find(Path named) {
    if (named != null) {
      Path file = workingFolder.resolve(named).normalize();
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(file + ": no such library file (--config names the alice.toml to use;"
            + " 'alice init " + named + "' writes a starter one)");
      }
      return Optional.of(file);
    }
    return candidates().stream().filter(Files::isRegularFile).findFirst();
  }

  /** Reads the library file {@link #find} finds, if any. */
  public Optional<LibraryFile> read(Path named) {
    return find(named).map(LibraryFile::read);
  }
}
