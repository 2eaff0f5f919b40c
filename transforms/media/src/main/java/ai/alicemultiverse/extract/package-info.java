/**
 * Standard metadata of one file (MIME by magic, dimensions, duration, codecs, EXIF/IPTC/ID3
 * essentials) as {@link ai.alicemultiverse.extract.StandardMetadata}, read from the metadata regions
 * only: metadata-extractor for EXIF/IPTC ({@link ai.alicemultiverse.extract.DrewImages}), Apache
 * Tika for what no native reader covers ({@link ai.alicemultiverse.extract.TikaExtractor}); what people and their
 * tools wrote (title, rating, caption, keywords, capture time, position) read out of it by the Metadata Working
 * Group's precedence ({@link ai.alicemultiverse.extract.Described}).
 *
 * What each container shows a parser ({@link ai.alicemultiverse.codec.ParserView}: byte ranges of the
 * file, zeros for the payload, stand-in chunks) and its track codes come from {@link
 * ai.alicemultiverse.codec.ContainerCodec}; this package knows parsers, not formats.
 *
 * <p>May import: {@code codec} (not its format sub-packages), {@code io}, Tika, metadata-extractor. No
 * Beam, no DuckDB.
 */
package ai.alicemultiverse.extract;
