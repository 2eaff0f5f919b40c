package ai.alicemultiverse.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the hidden helper files that live next to a file being rewritten: {@code .alice-<key>.lock} and
 * {@code .alice-<key>-<random>.tmp}, where {@code <key>} is a short digest of the file's name. Same folder, so
 * the final rename never crosses a file system; hidden and recognisable, so a user sees why they exist and
 * {@link SafeFileWriter#cleanStaleTemps} only touches ours. Short and ASCII whatever the file is called: a
 * 255-byte name (the limit) or one with a newline or bytes that are not UTF-8 still gets valid helper names,
 * which the name plus a suffix would not.
 *
 * <p>Earlier versions named them {@code .<name>.alice-lock} and {@code .<name>.alice-tmp-<random>}; such
 * leftovers of a killed run are still recognised, so cleaning them keeps working after an upgrade.
 */
final class SiblingFiles {
  private static final String PREFIX = ".alice-";
  private static final Pattern TEMP = Pattern.compile("\\.alice-([0-9a-f]{16})-[a-z0-9]+\\.tmp");
  private static final Pattern LOCK = Pattern.compile("\\.alice-[0-9a-f]{16}\\.lock");
  // DOTALL: a name may hold a newline, and its leftovers must be cleaned too.
  private static final Pattern LEGACY_TEMP = Pattern.compile("\\.(.+)\\.alice-tmp-[A-Za-z0-9]+", Pattern.DOTALL);
  private static final Pattern LEGACY_LOCK = Pattern.compile("\\.(.+)\\.alice-lock", Pattern.DOTALL);

  private SiblingFiles() {}

  static Path lockFor(Path folder, String name) {
    return folder.resolve(PREFIX + key(name) + ".lock");
  }

  static Path tempFor(Path folder, String name, String random) {
    return folder.resolve(PREFIX + key(name) + "-" + random + ".tmp");
  }

  /** The lock file that guards the temp called {@code fileName}, or null if it is not one of our temps. */
  static Path lockOfTemp(Path folder, String fileName) {
    Matcher m = TEMP.matcher(fileName);
    if (m.matches()) {
      return folder.resolve(PREFIX + m.group(1) + ".lock");
    }
    Matcher legacy = LEGACY_TEMP.matcher(fileName);
    return legacy.matches() ? folder.resolve("." + legacy.group(1) + ".alice-lock") : null;
  }

  /** True if {@code fileName} is one of our lock files (this version's or an earlier one's). */
  static boolean isLock(String fileName) {
    return LOCK.matcher(fileName).matches() || LEGACY_LOCK.matcher(fileName).matches();
  }

  /** 64 bits of SHA-256: two names of one folder sharing a key would only share a lock, never a temp. */
  private static String key(String name) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
