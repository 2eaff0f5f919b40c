package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.model.MediaFiles;
import ai.alicemultiverse.model.Root;
import ai.alicemultiverse.model.StorageType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks the places a job will write before it starts, so a slip of the keyboard cannot replace a media
 * file with a cache or let a rebuild's clean-up loose in a media folder. The pipelines' {@code run} methods
 * check first thing, so a Java caller meets the same refusals as the command line (whose option names the
 * messages use: each is the config field of the same name).
 *
 * <p>What is allowed on purpose: a cache (and its default {@code <name>-parquet} hand-off) inside a scanned
 * root: neither {@code .duckdb} nor {@code .parquet} files are media, so a rebuild never indexes its own
 * output. What is refused: a cache path that is a folder or a media file; a {@code --parquet} folder that is a
 * scanned root or holds one (every rebuild deletes the {@code run-*} entries it finds there); an export
 * {@code --to} that is a file, the cache's own folder or its hand-off folder, or an object-store prefix with
 * {@code .}/{@code ..} segments (keys are not paths: they would not go where they seem to).
 */
public final class OutputPaths {
  private OutputPaths() {}

  public static void checkCache(Path cacheFile) {
    Path cache = cacheFile.toAbsolutePath().normalize();
    if (Files.isDirectory(cache)) {
      throw new IllegalArgumentException("--cache: " + cache + " is a folder; name the cache file, e.g. "
          + cache.resolve("alice.duckdb"));
    }
    if (MediaFiles.looksLikeMedia(cache.toString())) {
      throw new IllegalArgumentException("--cache: " + cache + " is named like a media file and would be"
          + " replaced by the cache; name the cache file e.g. alice.duckdb");
    }
  }

  public static void checkParquet(String parquetDir, List<String> roots) {
    if (StorageType.isObjectStore(parquetDir)) {
      checkObjectPrefix("--parquet", parquetDir);
      Root handOff = Root.parse(parquetDir);
      for (String root : roots) {
        if (Root.parse(root).below().startsWith(handOff.below())) {
          throw new IllegalArgumentException("--parquet: " + parquetDir + " is or holds the scanned root " + root
              + "; every rebuild deletes the older run-* objects of its hand-off, so give it a prefix of its own");
        }
      }
      return;
    }
    Path parquet = Path.of(parquetDir).toAbsolutePath().normalize();
    if (Files.exists(parquet) && !Files.isDirectory(parquet)) {
      throw new IllegalArgumentException("--parquet: " + parquet + " is a file; the hand-off needs a folder");
    }
    for (String root : roots) {
      Path local = localRoot(root);
      if (local != null && local.startsWith(parquet)) {
        throw new IllegalArgumentException("--parquet: " + parquet + (local.equals(parquet) ? " is" : " holds")
            + " the scanned root " + local + "; every rebuild deletes the older run-* entries of its hand-off"
            + " folder, so give it a folder of its own (default: next to the cache)");
      }
    }
  }

  public static void checkExportTo(String to, Path cacheFile, boolean fromCache) {
    if (StorageType.isObjectStore(to)) {
      checkObjectPrefix("--to", to);
      return;
    }
    if (to.isBlank() || to.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      return; // ExportDestination says what is wrong with it
    }
    Path dir = Path.of(to).toAbsolutePath().normalize();
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--to: " + dir + " is a file; exports are published into a folder");
    }
    Path cache = cacheFile.toAbsolutePath().normalize();
    if (!fromCache || !Files.isRegularFile(cache)) {
      return; // no cache involved, or none there: the export itself says so
    }
    if (dir.equals(cache.getParent())) {
      throw new IllegalArgumentException("--to: " + dir + " is the cache's own folder; publish exports into a"
          + " folder of their own, e.g. " + dir.resolve("exports"));
    }
    Path handOff = RebuildConfig.defaultParquetDir(cache);
    if (dir.startsWith(handOff)) {
      throw new IllegalArgumentException("--to: " + dir + " is inside the cache's Parquet hand-off " + handOff
          + ", which every rebuild clears; publish exports into a folder of their own");
    }
  }

  /** Keys are not paths: a {@code .} or {@code ..} segment would not go where it seems to, nor would no bucket. */
  private static void checkObjectPrefix(String option, String prefix) {
    String key = prefix.substring(5);
    if (key.isEmpty() || key.startsWith("/")) {
      throw new IllegalArgumentException(option + ": '" + prefix + "' names no bucket");
    }
    for (String segment : key.split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(option + ": '" + prefix + "' has a '" + segment + "' segment; object"
            + " keys are not folders, so name the prefix plainly, e.g. " + prefix.substring(0, 5) + "bucket/"
            + (option.equals("--to") ? "exports" : "alice-parquet"));
      }
    }
  }

  /** The folder or file a local root names (the part before any glob), or null for object storage. */
  static Path localRoot(String root) {
    return Root.parse(root).localBase();
  }
}
