/**
 * The domain records every layer above shares: a file seen at one place ({@link
 * ai.alicemultiverse.model.MediaRecord}), one asset per content hash with all its places ({@link
 * ai.alicemultiverse.model.AssetRecord}), a file that could not be read ({@link
 * ai.alicemultiverse.model.FileError}), where a place lives ({@link
 * ai.alicemultiverse.model.StorageType}), what a root a user names means ({@link
 * ai.alicemultiverse.model.Root}) and which files are media ({@link
 * ai.alicemultiverse.model.MediaFiles}).
 *
 * <p>May import: {@code extract} (for {@code StandardMetadata}), {@code io} (to say why a root is no file), {@code
 * xmp} (the typed columns of {@link ai.alicemultiverse.model.AssetFields} read alice's metadata). Nothing in Beam, DuckDB or the
 * cache: the layers above depend on these types, never the other way round.
 */
package ai.alicemultiverse.model;
