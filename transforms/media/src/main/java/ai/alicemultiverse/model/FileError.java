package ai.alicemultiverse.model;

import ai.alicemultiverse.io.Reasons;
import java.io.Serializable;

/**
 * A file the pipeline could not use, and why. The reason often quotes bytes of the file: it is kept
 * printable here, the one place every stage's error row passes through.
 */
public record FileError(String path, String stage, String reason, String seenAt)
    implements Serializable {
  /**
   * The stage of a folder that could not be listed: nothing under its path was seen, so its files
   * are not gone. A rebuild keeps the cache's earlier locations under it and a scan does not judge
   * them vanished.
   */
  public static final String LIST = "list";

  public FileError {
    reason = Reasons.printable(reason);
  }
}
