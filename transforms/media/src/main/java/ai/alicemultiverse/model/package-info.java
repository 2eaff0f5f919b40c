/**
 * The domain records every layer above shares: a file seen at one place ({@link
 * ai.alicemultiverse.model.MediaRecord}), one asset per content hash with all its places ({@link
 * ai.alicemultiverse.model.AssetRecord}), a file that could not be read ({@link
 * ai.alicemultiverse.model.FileError}), where a place lives ({@link
 * ai.alicemultiverse.model.StorageType}) and which files are media ({@link
 * ai.alicemultiverse.model.MediaFiles}).
 *
 * <p>May import: {@code extract} (for {@code StandardMetadata}). Nothing in Beam, DuckDB or the
 * cache: the layers above depend on these types, never the other way round.
 */
package ai.alicemultiverse.model;
