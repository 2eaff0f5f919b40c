/**
 * Standard metadata of one file (MIME by magic, dimensions, duration, codecs, EXIF/IPTC/ID3
 * essentials) as {@link ai.alicemultiverse.extract.StandardMetadata}, read from the metadata regions
 * only: metadata-extractor for EXIF/IPTC ({@link ai.alicemultiverse.extract.DrewImages}), Apache
 * Tika for what no native reader covers ({@link ai.alicemultiverse.extract.TikaExtractor}).
 *
 * <p>May import: {@code codec}, {@code io}, Tika, metadata-extractor. No Beam, no DuckDB.
 */
package ai.alicemultiverse.extract;
