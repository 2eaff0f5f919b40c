package ai.alicemultiverse.library;

import ai.alicemultiverse.model.StorageLabels;
import ai.alicemultiverse.storage.StorageFlags;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a rebuild, scan, verify or watch works on, from its arguments and the library file: the roots
 * given, else the file's locations; the cache given with {@code --cache}, else the file's, else {@code
 * alice.duckdb} in the working folder; the file's object-store settings, each overridden by the same
 * setting on the command line; and the storage types the file gives its locations.
 *
 * @param library the library file read, or null when there is none
 */
public record JobScope(List<String> roots, Path cacheFile, StorageFlags storage, StorageLabels labels,
    Path library) {

  /** The cache when neither {@code --cache} nor a library file names one. */
  public static final Path DEFAULT_CACHE = Path.of("alice.duckdb");

  /** What a command asks for before the library file is read. */
  public record Request(List<String> roots, Path cacheFlag, Path configFlag, StorageFlags flags) {
    public Request {
      roots = List.copyOf(roots);
      flags = flags == null ? StorageFlags.none() : flags;
    }
  }

  /**
   * The scope of a command that needs roots: with none given, the library file's locations.
   *
   * @throws IllegalArgumentException when no roots are given and no library file names any, saying where
   *     it was looked for and how to write one
   */
  public static JobScope of(Request request, LibraryLookup lookup) {
    JobScope scope = ofOptionalRoots(request, lookup);
    if (scope.roots().isEmpty()) {
      if (scope.library() == null) {
        throw new IllegalArgumentException("no PATH given and no library file to take the locations from"
            + " (looked for " + String.join(" and ", lookup.candidates().stream().map(Path::toString).toList())
            + "): 'alice init' writes a starter alice.toml to list them in, --config FILE names another one");
      }
      throw new IllegalArgumentException(scope.library() + ": no [[location]] in this library file and no PATH"
          + " given: add a [[location]] with a path, or give PATHs");
    }
    return scope;
  }

  /** As {@link #of}, for a command that has something to do without roots (verify checks the whole cache). */
  public static JobScope ofOptionalRoots(Request request, LibraryLookup lookup) {
    Optional<LibraryFile> library = lookup.read(request.configFlag());
    List<String> roots = !request.roots().isEmpty() ? request.roots()
        : library.map(LibraryFile::roots).orElse(List.of());
    Path cache = request.cacheFlag() != null ? request.cacheFlag()
        : library.map(LibraryFile::cache).orElse(DEFAULT_CACHE);
    StorageFlags storage = library.map(l -> overriding(request.flags(), l.storage())).orElse(request.flags());
    return new JobScope(roots, cache, storage, library.map(LibraryFile::labels).orElse(StorageLabels.none()),
        library.map(LibraryFile::file).orElse(null));
  }

  /**
   * The cache of a command that reads or updates one and takes no roots from the library file (search,
   * stats, ingest, ...): {@code cacheFlag}, else the library file's, else {@link #DEFAULT_CACHE}. The library
   * file is not read when {@code cacheFlag} is given.
   */
  public static Path cacheOf(Path cacheFlag, Path configFlag, LibraryLookup lookup) {
    if (cacheFlag != null) {
      return cacheFlag;
    }
    return lookup.read(configFlag).map(LibraryFile::cache).orElse(DEFAULT_CACHE);
  }

  /** Each setting given on the command line wins over the library file's. */
  static StorageFlags overriding(StorageFlags commandLine, StorageFlags library) {
    return new StorageFlags(
        commandLine.s3Endpoint() != null ? commandLine.s3Endpoint() : library.s3Endpoint(),
        commandLine.s3Region() != null ? commandLine.s3Region() : library.s3Region(),
        commandLine.s3PathStyle() || library.s3PathStyle(),
        commandLine.gcsEndpoint() != null ? commandLine.gcsEndpoint() : library.gcsEndpoint(),
        commandLine.gcsAnonymous() || library.gcsAnonymous());
  }
}
