package ai.alicemultiverse.model;

import java.util.Locale;
import java.util.Set;

/** Which matched files are worth opening: media by extension, never our own temp files. */
public final class MediaFiles {
  static final Set<String> EXTENSIONS =
      Set.of("jpg", "jpeg", "jpe", "png", "webp", "tif", "tiff", "mp4", "m4v", "mov", "qt", "m4a",
          "m4b", "mp3", "wav", "wave", "btf", "tf8",
          // read only: indexed with their content hash and standard fields, never written
          "heic", "heif", "hif", "avif", "avi", "gif", "bmp", "dib", "flac", "ogg", "oga", "opus", "mkv",
          "mka", "webm", "dng", "cr2", "cr3", "nef", "nrw", "arw", "srf", "sr2", "orf", "rw2", "raf", "pef",
          "srw", "erf", "kdc", "3fr", "iiq", "rwl", "x3f");

  /** The kind of a file without an extension, in the skipped-by-kind counts. */
  public static final String NO_EXTENSION = "(none)";

  private MediaFiles() {}

  public static boolean looksLikeMedia(String path) {
    return !isTemp(path) && EXTENSIONS.contains(kindOf(path));
  }

  /** True for a temp or lock file of an interrupted alice write, which is neither media nor the user's. */
  public static boolean isTemp(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.startsWith(".") && name.contains(".alice-");
  }

  /**
   * What kind of file {@code path} names, for the counts of skipped files: its extension in lower
   * case ("txt", "psd"), or {@link #NO_EXTENSION}.
   */
  public static String kindOf(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 && dot < name.length() - 1 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : NO_EXTENSION;
  }
}
