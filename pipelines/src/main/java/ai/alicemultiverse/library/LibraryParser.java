package ai.alicemultiverse.library;

import ai.alicemultiverse.io.Reasons;
import ai.alicemultiverse.library.LibraryLocation.GcsSettings;
import ai.alicemultiverse.library.LibraryLocation.S3Settings;
import ai.alicemultiverse.model.Root;
import ai.alicemultiverse.model.StorageType;
import ai.alicemultiverse.storage.StorageFlags;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.toml.TomlStreamReadException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads {@code alice.toml} with Jackson's TOML reader and checks it against what alice knows, so a typo
 * fails loudly instead of being ignored: every error names the file, the line where it can be found, and
 * the key.
 *
 * <p>Beam's S3 and GCS settings are options of the whole pipeline, not of a path: all {@code s3://}
 * locations of one file must ask for the same endpoint, region and path style, all {@code gs://} ones for
 * the same endpoint and credentials. A file that asks for two is refused rather than half obeyed.
 */
final class LibraryParser {
  private static final TomlMapper TOML = new TomlMapper();

  static final String CACHE = "cache";
  static final String LOCATION = "location";
  static final String PATH = "path";
  static final String STORAGE_TYPE = "storage_type";
  static final String S3_ENDPOINT = "s3_endpoint";
  static final String S3_REGION = "s3_region";
  static final String S3_PATH_STYLE = "s3_path_style";
  static final String GCS_ENDPOINT = "gcs_endpoint";
  static final String GCS_ANONYMOUS = "gcs_anonymous";

  private static final List<String> TOP_KEYS = List.of(CACHE, LOCATION);
  private static final List<String> LOCATION_KEYS =
      List.of(PATH, STORAGE_TYPE, S3_ENDPOINT, S3_REGION, S3_PATH_STYLE, GCS_ENDPOINT, GCS_ANONYMOUS);
  /** What a local location may be called; an object store is what its scheme says. */
  static final Set<String> LOCAL_TYPES = Set.of(StorageType.LOCAL, StorageType.NETWORK, "external");

  private final Path file;
  private final Path folder;
  private final KeyLines lines;

  private LibraryParser(Path file, KeyLines lines) {
    this.file = file;
    this.folder = file.getParent();
    this.lines = lines;
  }

  static LibraryFile parse(Path named) {
    Path file = named.toAbsolutePath().normalize();
    String text = read(file);
    JsonNode tree;
    try {
      tree = TOML.readTree(text);
    } catch (TomlStreamReadException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new IllegalArgumentException(at(file, line) + "not valid TOML: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(at(file, 0) + "not valid TOML: " + e.getOriginalMessage());
    }
    return new LibraryParser(file, KeyLines.of(text)).library(tree);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such library file");
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + ": not a library file (not UTF-8 text)");
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": the library file cannot be read (" + Reasons.of(e) + ")");
    }
  }

  private LibraryFile library(JsonNode tree) {
    checkKeys(tree, "", TOP_KEYS, "");
    Path cache = tree.has(CACHE) ? cache(text(tree, "", CACHE)) : null;
    List<LibraryLocation> locations = new ArrayList<>();
    JsonNode array = tree.path(LOCATION);
    if (!array.isMissingNode()) {
      if (!array.isArray()) {
        throw error(lines.header(LOCATION), "'" + LOCATION + "' is a list of tables: write each one as [["
            + LOCATION + "]]");
      }
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < array.size(); i++) {
        LibraryLocation location = location(array.get(i), i + 1);
        Integer earlier = seen.putIfAbsent(location.root(), i + 1);
        if (earlier != null) {
          throw error(lines.key(table(i + 1), PATH), "[[location]] " + (i + 1) + ": key 'path' names "
              + location.root() + " again (as [[location]] " + earlier + " does)");
        }
        locations.add(location);
      }
    }
    return new LibraryFile(file, cache, List.copyOf(locations), storage(locations));
  }

  private Path cache(String cache) {
    if (StorageType.isObjectStore(cache)) {
      throw error(lines.key("", CACHE), "key 'cache': the cache is a local DuckDB file, not " + cache);
    }
    return local(cache);
  }

  private LibraryLocation location(JsonNode node, int number) {
    String table = table(number);
    if (!node.isObject()) {
      throw error(lines.header(table), "[[location]] " + number + " is not a table");
    }
    checkKeys(node, table, LOCATION_KEYS, "[[location]] " + number + ": ");
    if (!node.has(PATH)) {
      throw error(lines.header(table), "[[location]] " + number + " has no key 'path' (a folder, s3:// or gs:// prefix)");
    }
    String path = text(node, table, PATH);
    String root = StorageType.isObjectStore(path) ? Root.parse(path).toString() : local(path).toString();
    String kind = StorageType.isObjectStore(root) ? StorageType.of(root) : null;
    String where = "[[location]] " + number + " (" + root + "): ";
    String type = node.has(STORAGE_TYPE) ? storageType(text(node, table, STORAGE_TYPE), kind, table, where) : null;
    for (String key : List.of(S3_ENDPOINT, S3_REGION, S3_PATH_STYLE, GCS_ENDPOINT, GCS_ANONYMOUS)) {
      String scheme = key.startsWith("s3") ? StorageType.S3 : StorageType.GCS;
      if (node.has(key) && !scheme.equals(kind)) {
        throw error(lines.key(table, key), where + "key '" + key + "' is for "
            + (scheme.equals(StorageType.S3) ? "s3://" : "gs://") + " locations only");
      }
    }
    S3Settings s3 = StorageType.S3.equals(kind) ? new S3Settings(url(node, table, S3_ENDPOINT, where),
        region(node, table, where), flag(node, table, S3_PATH_STYLE, where)) : S3Settings.NONE;
    GcsSettings gcs = StorageType.GCS.equals(kind) ? new GcsSettings(url(node, table, GCS_ENDPOINT, where),
        flag(node, table, GCS_ANONYMOUS, where)) : GcsSettings.NONE;
    return new LibraryLocation(root, type, s3, gcs);
  }

  private String storageType(String type, String objectStoreKind, String table, String where) {
    if (objectStoreKind != null ? !type.equals(objectStoreKind) : !LOCAL_TYPES.contains(type)) {
      throw error(lines.key(table, STORAGE_TYPE), where + "key 'storage_type' is '" + type + "', but "
          + (objectStoreKind != null ? "this location's storage type is '" + objectStoreKind + "'"
              : "a local location is one of " + String.join(", ", LOCAL_TYPES.stream().sorted().toList())));
    }
    return type;
  }

  /** One setting per job: every location of the store asks for the same, or the file is refused. */
  private StorageFlags storage(List<LibraryLocation> locations) {
    int firstS3 = 0;
    int firstGcs = 0;
    for (int number = 1; number <= locations.size(); number++) {
      LibraryLocation l = locations.get(number - 1);
      String kind = StorageType.isObjectStore(l.root()) ? StorageType.of(l.root()) : "";
      if (kind.equals(StorageType.S3)) {
        if (firstS3 == 0) {
          firstS3 = number;
        } else {
          S3Settings first = locations.get(firstS3 - 1).s3();
          checkSame(locations, firstS3, number, S3_ENDPOINT, first.endpoint(), l.s3().endpoint());
          checkSame(locations, firstS3, number, S3_REGION, first.region(), l.s3().region());
          checkSame(locations, firstS3, number, S3_PATH_STYLE, first.pathStyle(), l.s3().pathStyle());
        }
      } else if (kind.equals(StorageType.GCS)) {
        if (firstGcs == 0) {
          firstGcs = number;
        } else {
          GcsSettings first = locations.get(firstGcs - 1).gcs();
          checkSame(locations, firstGcs, number, GCS_ENDPOINT, first.endpoint(), l.gcs().endpoint());
          checkSame(locations, firstGcs, number, GCS_ANONYMOUS, first.anonymous(), l.gcs().anonymous());
        }
      }
    }
    S3Settings s3 = firstS3 == 0 ? S3Settings.NONE : locations.get(firstS3 - 1).s3();
    GcsSettings gcs = firstGcs == 0 ? GcsSettings.NONE : locations.get(firstGcs - 1).gcs();
    return new StorageFlags(s3.endpoint(), s3.region(), s3.pathStyle(), gcs.endpoint(), gcs.anonymous());
  }

  private void checkSame(List<LibraryLocation> locations, int first, int other, String key, Object a, Object b) {
    if (Objects.equals(a, b)) {
      return;
    }
    boolean s3 = key.startsWith("s3");
    int line = lines.key(table(other), key);
    throw error(line > 0 ? line : lines.key(table(first), key), "[[location]] " + other + " ("
        + locations.get(other - 1).root() + "): key '" + key + "' is " + shown(b) + ", but [[location]] " + first
        + " (" + locations.get(first - 1).root() + ") has " + shown(a) + ". Beam's "
        + (s3 ? "S3 settings (s3_endpoint, s3_region, s3_path_style)" : "GCS settings (gcs_endpoint, gcs_anonymous)")
        + " hold for a whole job, so every " + (s3 ? "s3://" : "gs://") + " location of one library file must"
        + " give the same (put the other store in a second library file and name it with --config)");
  }

  private static String shown(Object value) {
    return value == null ? "not set" : "'" + value + "'";
  }

  private URI url(JsonNode node, String table, String key, String where) {
    if (!node.has(key)) {
      return null;
    }
    String text = text(node, table, key);
    try {
      URI url = new URI(text);
      // the flag's own checks (http(s) with a host, no credentials in the URL), said of this key
      new StorageFlags(key.startsWith("s3") ? url : null, null, false, key.startsWith("gcs") ? url : null, false);
      return url;
    } catch (URISyntaxException e) {
      throw error(lines.key(table, key), where + "key '" + key + "' is not a URL (" + e.getReason() + ")");
    } catch (IllegalArgumentException e) {
      throw error(lines.key(table, key), where + "key '" + key + "'" + withoutFlag(e.getMessage()));
    }
  }

  private String region(JsonNode node, String table, String where) {
    if (!node.has(S3_REGION)) {
      return null;
    }
    String region = text(node, table, S3_REGION);
    try {
      new StorageFlags(null, region, false, null, false);
      return region;
    } catch (IllegalArgumentException e) {
      throw error(lines.key(table, S3_REGION), where + "key '" + S3_REGION + "'" + withoutFlag(e.getMessage()));
    }
  }

  private boolean flag(JsonNode node, String table, String key, String where) {
    if (!node.has(key)) {
      return false;
    }
    if (!node.get(key).isBoolean()) {
      throw error(lines.key(table, key), where + "key '" + key + "' is true or false, not " + node.get(key));
    }
    return node.get(key).booleanValue();
  }

  /** StorageFlags names its command-line flag first ({@code --s3-region: 'x' is ...}): the key replaces it. */
  private static String withoutFlag(String message) {
    int colon = message.indexOf(": ");
    return colon >= 0 && message.startsWith("--") ? message.substring(colon) : ": " + message;
  }

  private String text(JsonNode node, String table, String key) {
    JsonNode value = node.get(key);
    if (!value.isTextual() || value.textValue().isBlank()) {
      String where = table.isEmpty() ? "" : "[[location]] " + table.substring(table.indexOf('#') + 1) + ": ";
      throw error(lines.key(table, key), where + "key '" + key + "' is text in quotes, not "
          + (value.isTextual() ? "empty" : value.toString()));
    }
    return value.textValue();
  }

  private void checkKeys(JsonNode node, String table, List<String> known, String where) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      if (!known.contains(key)) {
        throw error(lines.key(table, key), where + "unknown key '" + key + "' (known here: "
            + String.join(", ", known) + ")");
      }
    }
  }

  /** {@code ~} and {@code ~/x} are the home folder; any other relative path is read from the file's folder. */
  private Path local(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return Path.of(System.getProperty("user.home")).resolve(path.substring(Math.min(2, path.length())))
          .normalize();
    }
    return folder.resolve(path).normalize();
  }

  private static String table(int number) {
    return LOCATION + "#" + number;
  }

  private IllegalArgumentException error(int line, String message) {
    return new IllegalArgumentException(at(file, line) + message);
  }

  private static String at(Path file, int line) {
    return file + (line > 0 ? " line " + line : "") + ": ";
  }
}
