/**
 * The DuckDB cache, write side: the schema ({@link ai.alicemultiverse.cache.CacheSchema}), the load of a
 * rebuild's Parquet shards into a fresh file swapped in atomically ({@link
 * ai.alicemultiverse.cache.CacheLoader}), in-place updates by ingest, scan and watch ({@link
 * ai.alicemultiverse.cache.CacheUpserter}, {@link ai.alicemultiverse.cache.WatchUpsert}), the search
 * index ({@link ai.alicemultiverse.cache.SearchIndex}), the runs table, and the lock and connection
 * rules that let readers and writers take turns ({@link ai.alicemultiverse.cache.CacheLock}, {@link
 * ai.alicemultiverse.cache.CacheConnections}), and the one line of a DuckDB error worth showing ({@link
 * ai.alicemultiverse.cache.DuckDbErrors}).
 *
 * <p>May import: the media library ({@code model}, {@code extract}, {@code xmp}, {@code text}, {@code codec}
 * for which formats alice writes) and
 * DuckDB. Not Beam, not {@code search} (the read side imports this package).
 */
package ai.alicemultiverse.cache;
