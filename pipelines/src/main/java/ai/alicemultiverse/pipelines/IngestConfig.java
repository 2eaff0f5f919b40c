package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.io.SafeFileWriter;
import ai.alicemultiverse.model.StorageLabels;
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
 * @param mtime whether a written file gets a new modification time (the default) or keeps its old one
 * @param followLinks write through symbolic links whose target lies outside the roots
 * @param labels the storage types the library file gives its locations (none: as {@code StorageType} finds them)
 */
public record IngestConfig(List<String> paths, Path cacheFile, Path parquetDir, UnderstandingProvider provider,
    boolean dryRun, boolean force, SafeFileWriter.Mtime mtime, boolean followLinks, StorageLabels labels) {

  /** An ingest whose files are typed as {@code StorageType} finds them. */
  public IngestConfig(List<String> paths, Path cacheFile, Path parquetDir, UnderstandingProvider provider,
      boolean dryRun, boolean force, SafeFileWriter.Mtime mtime, boolean followLinks) {
    this(paths, cacheFile, parquetDir, provider, dryRun, force, mtime, followLinks, StorageLabels.none());
  }

  /** New mtimes, links out of the roots not written through. */
  public IngestConfig(List<String> paths, Path cacheFile, Path parquetDir, UnderstandingProvider provider,
      boolean dryRun, boolean force) {
    this(paths, cacheFile, parquetDir, provider, dryRun, force, SafeFileWriter.Mtime.UPDATE, false);
  }
}
