/**
 * Formats alice indexes read only and hashes whole ({@link ai.alicemultiverse.codec.wholefile.WholeFileCodec}):
 * FLAC, Ogg, Matroska/WebM, GIF, BMP and camera RAW files, recognised by their signatures. ExifTool
 * defines no ImageDataHash for them, so their content hash covers every byte and the index says so.
 *
 * <p>May import: {@code codec}.
 */
package ai.alicemultiverse.codec.wholefile;
