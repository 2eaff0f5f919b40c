package ai.alicemultiverse.search;

import java.util.List;

/**
 * A query's tags and words turned into the cache's integer ids (a small lookup before the main
 * query, so the main query filters on plain integers that zone maps can skip by).
 *
 * @param tagGroups per --tag, the ids it matches (a bare value can match in several categories)
 * @param notTagIds ids of every --not-tag
 * @param termIds ids of the query's distinct words that occur in the cache
 * @param wordCount how many words the text has (repeats included)
 * @param phrase the words as the phrase table spells them ({@code " w1 w2 "}), or null for one word
 * @param phraseBonus added to an exact phrase's score: more than any document without it can reach
 * @param empty true when nothing can match (a required tag or every word is unknown)
 */
record Resolved(
    List<List<Integer>> tagGroups,
    List<Integer> notTagIds,
    List<Integer> termIds,
    int wordCount,
    String phrase,
    double phraseBonus,
    boolean empty) {}
