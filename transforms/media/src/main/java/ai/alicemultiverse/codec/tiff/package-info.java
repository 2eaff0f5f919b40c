/**
 * TIFF codec: IFD walking ({@link ai.alicemultiverse.codec.tiff.TiffReader}, {@link
 * ai.alicemultiverse.codec.tiff.TiffWalker}) that finds the XMP tag (700) and the strips and tiles
 * the content hash covers, and a writer that appends a new XMP value and patches the one entry
 * that points at it ({@link ai.alicemultiverse.codec.tiff.TiffXmpWriter}).
 *
 * <p>May import: {@code codec}.
 */
package ai.alicemultiverse.codec.tiff;
