package ai.alicemultiverse.cli;

import ai.alicemultiverse.library.JobScope;
import ai.alicemultiverse.library.LibraryLookup;
import ai.alicemultiverse.storage.StorageFlags;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --config FILE}: the library file to use instead of the one found by lookup (a picocli mixin). */
final class LibraryOption {
  @Option(names = "--config", paramLabel = "FILE",
      description = "The library file (alice.toml) to take the locations, cache and storage settings from."
          + " Default: ./alice.toml, else $XDG_CONFIG_HOME/alice/alice.toml (~/.config/alice/alice.toml).")
  Path file;

  /** What the command works on: with no roots, the library file's locations (which must then exist). */
  JobScope scope(List<String> roots, Path cacheFlag, StorageFlags flags) {
    return announce(JobScope.of(new JobScope.Request(roots, cacheFlag, file, flags), LibraryLookup.ofThisProcess()));
  }

  /** As {@link #scope}, for verify, which checks the whole cache when there are no roots at all. */
  JobScope scopeWithOptionalRoots(List<String> roots, Path cacheFlag, StorageFlags flags) {
    return announce(JobScope.ofOptionalRoots(new JobScope.Request(roots, cacheFlag, file, flags),
        LibraryLookup.ofThisProcess()));
  }

  /** The cache of a command that only needs one: {@code --cache}, else the library file's, else alice.duckdb. */
  Path cache(Path cacheFlag) {
    return JobScope.cacheOf(cacheFlag, file, LibraryLookup.ofThisProcess());
  }

  /** Says on stderr which library file is in use: one found by lookup is otherwise easy to forget. */
  private static JobScope announce(JobScope scope) {
    if (scope.library() != null) {
      System.err.println("library: " + scope.library());
    }
    return scope;
  }
}
