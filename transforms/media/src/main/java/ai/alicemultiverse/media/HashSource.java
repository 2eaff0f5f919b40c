package ai.alicemultiverse.media;

/** Where a content hash came from. */
public enum HashSource {
  /** Read from {@code alice:content_hash} in the file, trusted without reading the media. */
  EMBEDDED,
  /** Computed from the media payload. */
  COMPUTED
}
