package ai.alicemultiverse.beam;

/** Names of the Beam metrics the pipelines report (read back for the summary and progress). */
public final class PipelineCounters {
  public static final String NAMESPACE = "alice";
  public static final String MATCHED = "files_matched";
  public static final String INDEXED = "files_indexed";
  public static final String ERRORS = "files_failed";
  public static final String BYTES = "bytes_seen";
  public static final String UNIQUE = "unique_hashes";
  /** Files whose previous row was reused without opening them (their change signature was the same). */
  public static final String REUSED = "files_reused";
  /** Files under a root that are not media, counted once more per kind under this prefix + the kind. */
  public static final String SKIPPED_KIND_PREFIX = "skipped_kind:";
  /** Root patterns split into listings so far: all of them once it equals the number of roots. */
  public static final String ROOTS_SPLIT = "roots_split";
  /** Listings (a split's patterns) started but not finished; with every root split, 0 means listing is done. */
  public static final String LISTINGS_OPEN = "listings_open";
  /** Media files found by the listing: the number of files to read once listing is done. */
  public static final String MEDIA_LISTED = "media_listed";
  /** Folders that could not be listed (counted in {@link #ERRORS} too, though they are no file to read). */
  public static final String FOLDERS_UNREADABLE = "folders_unreadable";

  private PipelineCounters() {}
}
