package ai.alicemultiverse.model;

import java.io.Serializable;

/** A file the pipeline could not use, and why. */
public record FileError(String path, String stage, String reason, String seenAt)
    implements Serializable {
  /**
   * The stage of a folder that could not be listed: nothing under its path was seen, so its files
   * are not gone. A rebuild keeps the cache's earlier locations under it and a scan does not judge
   * them vanished.
   */
  public static final String LIST = "list";
}
