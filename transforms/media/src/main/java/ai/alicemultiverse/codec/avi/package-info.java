/**
 * AVI (RIFF {@code AVI }), read only: the movie data ({@code LIST movi}) located by a walk of the
 * RIFF chunks ({@link ai.alicemultiverse.codec.avi.AviCodec}), hashed as ExifTool's ImageDataHash
 * takes it. alice does not write AVI files.
 *
 * <p>May import: {@code codec}, {@code codec.riff}.
 */
package ai.alicemultiverse.codec.avi;
