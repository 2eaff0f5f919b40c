/**
 * Analytics exports: Parquet runs that schedulers can write and readers can trust.
 *
 * <p>Every run is written into a folder named by its UTC start time and a short id ({@link
 * ai.alicemultiverse.export.RunNames}), staged under a hidden name and published only when
 * complete, with a {@code manifest.json} ({@link ai.alicemultiverse.export.ExportManifest}) and a
 * {@code _SUCCESS} marker. {@link ai.alicemultiverse.export.ExportSql} turns a query over the
 * cache's tables into zstd Parquet with DuckDB; {@link ai.alicemultiverse.export.ShardViews} makes
 * the same tables over the rebuild pipeline's Parquet shards, so a query runs unchanged on an
 * export straight from files. {@link ai.alicemultiverse.export.ExportDestination} publishes and
 * prunes runs in a local folder or, through Beam's FileSystems, in {@code s3://} or {@code gs://}.
 *
 * <p>May import: {@code cache}, {@code storage}, the media library, DuckDB and Beam's FileSystems.
 */
package ai.alicemultiverse.export;
