/**
 * PNG container codec: a chunk walker ({@link ai.alicemultiverse.codec.png.PngChunkReader}), the XMP
 * {@code iTXt} chunk ({@link ai.alicemultiverse.codec.png.PngXmpChunk}) and a writer that copies every
 * other chunk byte for byte ({@link ai.alicemultiverse.codec.png.PngWriter}).
 *
 * <p>May import: {@code codec}.
 */
package ai.alicemultiverse.codec.png;
