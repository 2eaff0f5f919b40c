package ai.alicemultiverse.search;

import java.util.List;

/**
 * A page of results.
 *
 * @param total how many assets match in all (not just this page)
 */
public record SearchResult(long total, List<SearchHit> hits) {
  public SearchResult {
    hits = List.copyOf(hits);
  }
}
