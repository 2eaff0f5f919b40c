package ai.alicemultiverse.io;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Says in a few words why an operation on a file failed, for messages that also name the file. */
public final class Reasons {
  private Reasons() {}

  public static String of(Throwable e) {
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

  /** The file is not there (any more). */
  public static boolean isMissing(Throwable e) {
    return e instanceof NoSuchFileException || isFileStream(e, "(No such file or directory)");
  }

  /** java.io streams (Beam's local file system opens with them) say what went wrong in the message only. */
  private static boolean isFileStream(Throwable e, String suffix) {
    return e instanceof FileNotFoundException && e.getMessage() != null && e.getMessage().endsWith(suffix);
  }
}
