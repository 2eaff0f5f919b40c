package ai.alicemultiverse.io;

import java.io.IOException;
import java.nio.file.Path;

/** A safe rewrite that did not happen; the file is as it was. Message: {@code "<path>: <reason>"}. */
public class SafeWriteException extends IOException {
  private final transient Path path;
  private final String reason;

  public SafeWriteException(Path path, String reason, Throwable cause) {
    super(path + ": " + reason, cause);
    this.path = path;
    this.reason = reason;
  }

  /** The file as the caller named it. */
  public Path path() {
    return path;
  }

  /** Why the rewrite was refused or abandoned, without the path. */
  public String reason() {
    return reason;
  }
}
