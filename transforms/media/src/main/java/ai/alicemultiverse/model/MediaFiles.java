package ai.alicemultiverse.model;

import java.util.Locale;
import java.util.Set;

/** Which matched files are worth opening: media by extension, never our own temp files. */
public final class MediaFiles {
  static final Set<String> EXTENSIONS =
      Set.of("jpg", "jpeg", "jpe", "png", "webp", "tif", "tiff", "mp4", "m4v", "mov", "qt", "m4a",
          "m4b", "mp3", "wav", "wave");

  private MediaFiles() {}

  public static boolean looksLikeMedia(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.startsWith(".") && name.contains(".alice-")) {
      return false; // a temp or lock file of an interrupted write
    }
    int dot = name.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
