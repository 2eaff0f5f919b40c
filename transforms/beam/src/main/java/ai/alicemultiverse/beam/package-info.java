/**
 * The Beam transforms of the rebuild and its siblings: listing roots across local folders, {@code
 * s3://} and {@code gs://} ({@link ai.alicemultiverse.beam.MatchMedia}), reading each file ({@link
 * ai.alicemultiverse.beam.ExtractMedia}), one asset per content hash ({@link
 * ai.alicemultiverse.beam.MergeByContentHash}), the hand-written coders ({@link
 * ai.alicemultiverse.beam.RecordCoders}) and the zstd Parquet sink ({@link
 * ai.alicemultiverse.beam.WriteParquet}).
 *
 * <p>May import: the media library, {@code storage}, Beam, Avro, Parquet. Not DuckDB.
 */
package ai.alicemultiverse.beam;
