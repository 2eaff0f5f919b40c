/**
 * One media file at a time: {@link ai.alicemultiverse.media.MediaInspector} reads its format,
 * embedded metadata and content hash (embedded, or computed from the payload: {@link
 * ai.alicemultiverse.media.HashSource}); {@link ai.alicemultiverse.media.MetadataEmbedder} writes new
 * metadata into it through {@link ai.alicemultiverse.io.SafeFileWriter}.
 *
 * <p>May import: {@code codec}, {@code hash}, {@code io}, {@code xmp}.
 */
package ai.alicemultiverse.media;
