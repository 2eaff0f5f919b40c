/**
 * The content hash: {@code sha256:} + SHA-256 of the payload ranges a codec names, as ExifTool's
 * ImageDataHash defines them ({@link ai.alicemultiverse.hash.ContentHash}).
 *
 * <p>May import: {@code codec}.
 */
package ai.alicemultiverse.hash;
