package ai.alicemultiverse.media;

/** Where a content hash came from. */
public enum HashSource {
  /** Read from {@code alice:content_hash} in the file, trusted without reading the media. */
  EMBEDDED,
  /** Computed from the media payload. */
  COMPUTED,
  /**
   * Computed over every byte of the file: a read-only format without an ImageDataHash definition
   * (FLAC, Ogg, Matroska, GIF, BMP, RAW), so any edit of the file gives it a new identity.
   */
  WHOLE_FILE
}
