package ai.alicemultiverse.search;

/** The order of search results; ties are broken newest first, then by content hash. */
public enum SearchSort {
  /** Best text match first (BM25 with an exact-phrase bonus); newest first without --text. */
  RELEVANCE("score DESC, f.asset_id"),
  /** Newest generated_at (or processed_at when never generated) first; undated last. */
  NEWEST("f.asset_id"),
  /** Oldest first; undated last. */
  OLDEST("f.made_at ASC NULLS LAST, f.asset_id DESC"),
  LARGEST("f.size_bytes DESC, f.asset_id"),
  SMALLEST("f.size_bytes ASC, f.asset_id");

  final String orderBy;

  SearchSort(String orderBy) {
    this.orderBy = orderBy;
  }
}
