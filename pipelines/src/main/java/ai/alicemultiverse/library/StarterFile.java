package ai.alicemultiverse.library;

import ai.alicemultiverse.model.Root;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The commented {@code alice.toml} that {@code alice init} writes: every key, with what it means. */
public final class StarterFile {
  private StarterFile() {}

  /**
   * The starter text: a {@code [[location]]} for each of {@code locations} (made absolute), and the other
   * kinds of location as comments to copy.
   */
  public static String text(List<String> locations) {
    StringBuilder toml = new StringBuilder();
    toml.append("""
        # alice.toml: the library file. It says where the cache is and which locations make it, so
        # 'alice rebuild', 'alice scan', 'alice verify' and 'alice watch' need no PATHs.
        # alice looks for it with --config FILE, else ./alice.toml (the working folder),
        # else $XDG_CONFIG_HOME/alice/alice.toml (~/.config/alice/alice.toml).
        # Relative paths below are read from this file's folder; ~/ is your home folder.

        # The DuckDB cache (only a cache: 'alice rebuild' makes it again from the files).
        cache = "alice.duckdb"

        # One [[location]] per folder, s3:// or gs:// prefix.
        #   path          a folder, file or glob; s3://bucket/prefix; gs://bucket/prefix
        #   storage_type  optional, for local paths: local, network or external (default: network when the
        #                 folder is on a network mount, else local); s3:// is s3 and gs:// is gcs
        """);
    if (locations.isEmpty()) {
      toml.append("""

          # [[location]]
          # path = "~/Pictures/ai"
          """);
    }
    for (String location : locations) {
      toml.append("\n[[location]]\npath = ").append(quoted(Root.parse(location).toString())).append('\n');
    }
    toml.append("""

        # [[location]]
        # path = "/mnt/usb/renders"
        # storage_type = "external"

        # Object stores. Beam's S3 settings hold for a whole job: every s3:// location of this file must give
        # the same s3_endpoint, s3_region and s3_path_style (likewise gcs_endpoint and gcs_anonymous for gs://).
        # Credentials never go here: they come from the AWS and Google credential chains.
        # [[location]]
        # path = "s3://media/ai"
        # s3_endpoint = "http://nas.local:9000"   # an S3-compatible server (default: AWS)
        # s3_region = "eu-west-1"                 # default: AWS_REGION or the AWS profile's
        # s3_path_style = true                    # URL/bucket/key addressing (most S3-compatible servers)

        # [[location]]
        # path = "gs://team/2025"
        # gcs_endpoint = "http://127.0.0.1:4443"  # a GCS JSON API server (default: Google's)
        # gcs_anonymous = true                    # send no Google credentials (public buckets)
        """);
    return toml.toString();
  }

  /**
   * Writes the starter file to {@code file}, whole or not at all.
   *
   * @throws FileAlreadyExistsException when {@code file} exists and {@code overwrite} is false: a library
   *     file someone wrote is never replaced by accident
   */
  public static void write(Path file, List<String> locations, boolean overwrite) throws IOException {
    if (!overwrite && Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(file.toString(), null,
          "a library file is already there (--force replaces it)");
    }
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, ".alice-init-", ".toml");
    try {
      Files.writeString(temp, text(locations), StandardCharsets.UTF_8);
      if (overwrite) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Files.move(temp, file); // refuses, as above, when a file has appeared there since
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** A TOML basic string: quotes, backslashes and control characters escaped. */
  static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
