package ai.alicemultiverse.library;

import ai.alicemultiverse.model.StorageLabels;
import ai.alicemultiverse.storage.StorageFlags;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A library file as read: the cache it names and the locations that make the cache.
 *
 * @param file the absolute path of the file read
 * @param cache the cache file, absolute, or null when the file names none
 * @param locations in the order written
 * @param storage the object-store settings of the whole job (its locations agree on them: {@link LibraryParser})
 */
public record LibraryFile(Path file, Path cache, List<LibraryLocation> locations, StorageFlags storage) {

  public static final String FILE_NAME = "alice.toml";

  /**
   * Reads and checks {@code file}.
   *
   * @throws IllegalArgumentException naming the file, the line where known, the key and what is wrong
   */
  public static LibraryFile read(Path file) {
    return LibraryParser.parse(file);
  }

  /** The locations' roots as a job takes them: absolute paths and object-store prefixes. */
  public List<String> roots() {
    return locations.stream().map(LibraryLocation::root).toList();
  }

  /** The storage types the file gives its locations, for the files under them. */
  public StorageLabels labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    for (LibraryLocation location : locations) {
      if (location.storageType() != null) {
        labels.put(location.root(), location.storageType());
      }
    }
    return StorageLabels.of(labels);
  }
}
