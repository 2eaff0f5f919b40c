package ai.alicemultiverse.io;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the hidden helper files that live next to a file being rewritten: {@code .<name>.alice-lock} and
 * {@code .<name>.alice-tmp-<random>}. Same folder, so the final rename never crosses a file system; hidden and
 * recognisable, so a user sees why they exist and {@link SafeFileWriter#cleanStaleTemps} only touches ours.
 */
final class SiblingFiles {
  private static final String LOCK_SUFFIX = ".alice-lock";
  private static final String TEMP_INFIX = ".alice-tmp-";
  private static final Pattern TEMP = Pattern.compile("\\.(.+)\\.alice-tmp-[A-Za-z0-9]+");
  private static final Pattern LOCK = Pattern.compile("\\.(.+)\\.alice-lock");

  private SiblingFiles() {}

  static Path lockFor(Path folder, String name) {
    return folder.resolve("." + name + LOCK_SUFFIX);
  }

  static Path tempFor(Path folder, String name, String random) {
    return folder.resolve("." + name + TEMP_INFIX + random);
  }

  /** The name of the file a temp belongs to, or null if {@code fileName} is not one of our temps. */
  static String ownerOfTemp(String fileName) {
    Matcher m = TEMP.matcher(fileName);
    return m.matches() ? m.group(1) : null;
  }

  /** The name of the file a lock file guards, or null if {@code fileName} is not one of our lock files. */
  static String ownerOfLock(String fileName) {
    Matcher m = LOCK.matcher(fileName);
    return m.matches() ? m.group(1) : null;
  }
}
