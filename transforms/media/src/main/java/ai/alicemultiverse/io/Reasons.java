package ai.alicemultiverse.io;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Says in a few words why an operation on a file failed, for messages that also name the file. */
public final class Reasons {
  private Reasons() {}

  /**
   * Said of a file that is missing because its name holds bytes that are not valid UTF-8: Java reads such a name
   * with U+FFFD in place of those bytes and can never open it again under that string.
   */
  public static final String NAME_NOT_UTF8 =
      "the file name is not valid UTF-8, so it cannot be opened by name; rename it to UTF-8 (e.g. with convmv)";

  public static String of(Throwable e) {
    if (isMissing(e) && e instanceof NoSuchFileException nsfe && hasUndecodableName(nsfe.getFile())) {
      return NAME_NOT_UTF8;
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason(); // whoever threw it said why
    }
    if (isMissing(e)) {
      return "no such file (moved or deleted?)";
    }
    if (e instanceof AccessDeniedException || isFileStream(e, "(Permission denied)")) {
      return "permission denied";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /** True if {@code path} was decoded from bytes that are not valid UTF-8 (the decoder put U+FFFD there). */
  public static boolean hasUndecodableName(String path) {
    return path != null && path.indexOf('\uFFFD') >= 0;
  }

  /** The file is not there (any more). */
  public static boolean isMissing(Throwable e) {
    return e instanceof NoSuchFileException || isFileStream(e, "(No such file or directory)");
  }

  /** java.io streams (Beam's local file system opens with them) say what went wrong in the message only. */
  private static boolean isFileStream(Throwable e, String suffix) {
    return e instanceof FileNotFoundException && e.getMessage() != null && e.getMessage().endsWith(suffix);
  }
}
