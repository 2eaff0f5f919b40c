package ai.alicemultiverse.search;

import java.util.List;
import java.util.Map;

/**
 * A query's words turned into the cache's term ids (one small lookup before the main query, so
 * the main query reads postings by plain integers that zone maps can skip by).
 *
 * @param termIds ids of the query's distinct words that occur in the cache
 * @param phraseTermIds the term id of every word in order (repeats included) when the text is a
 *     phrase of two or more known words, else empty
 * @param phraseBonus added to an exact phrase's score: more than any document without it can reach
 * @param empty true when nothing can match (every word is unknown)
 * @param commonest the id of the query's term found in the most assets (-1 when none)
 * @param commonestDf how many assets hold that term
 * @param idf each found term's BM25 inverse document frequency, by term id, from the cache's
 *     counts as they are now
 * @param avgLength the assets' average length in terms, which BM25 normalises by
 */
record Resolved(List<Integer> termIds, List<Integer> phraseTermIds, double phraseBonus, boolean empty,
    int commonest, long commonestDf, Map<Integer, Double> idf, double avgLength) {
  static final Resolved NO_TEXT = new Resolved(List.of(), List.of(), 0, false, -1, 0, Map.of(), 0);

  boolean phrase() {
    return !phraseTermIds.isEmpty();
  }
}
