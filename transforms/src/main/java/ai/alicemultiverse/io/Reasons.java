package ai.alicemultiverse.io;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Says in a few words why an operation on a file failed, for messages that also name the file. */
public final class Reasons {
  private Reasons() {}

  public static String of(Throwable e) {
    if (e instanceof NoSuchFileException) {
      return "no such file (moved or deleted?)";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
