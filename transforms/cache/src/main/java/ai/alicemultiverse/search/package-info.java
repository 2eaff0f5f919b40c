/**
 * The query side of the cache: tag, text (BM25) and attribute search, facets and reports.
 *
 * <p>{@link ai.alicemultiverse.cache.SearchIndex} adds compact tables to a cache while it is
 * built (dense asset ids, tag and term postings sorted by id so one tag's or term's assets are
 * contiguous). {@link ai.alicemultiverse.search.CacheSearch} opens a cache read-only and answers
 * {@link ai.alicemultiverse.search.SearchQuery} values with SQL whose user input is always bound as
 * parameters.
 *
 * <p>May import: {@code cache}, {@code text}, DuckDB. Not Beam.
 */
package ai.alicemultiverse.search;
