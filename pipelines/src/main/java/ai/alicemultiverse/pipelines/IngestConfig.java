package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.understanding.UnderstandingProvider;
import java.nio.file.Path;
import java.util.List;

/**
 * What an ingest reads and where it writes.
 *
 * @param paths local folders, files or globs (ingest writes into the files, so no object stores)
 * @param cacheFile the DuckDB cache to update in place (created when missing)
 * @param parquetDir the cache's Parquet folder; each run adds {@code ingest/run-<id>/} under it
 * @param provider the understanding provider, or null for none
 * @param dryRun compute everything, write nothing (no file, no cache, no Parquet history)
 * @param force ingest files again even when they were ingested before
 */
public record IngestConfig(List<String> paths, Path cacheFile, Path parquetDir, UnderstandingProvider provider,
    boolean dryRun, boolean force) {}
