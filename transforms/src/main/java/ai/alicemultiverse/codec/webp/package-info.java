/**
 * WebP container codec: a RIFF chunk walker ({@link ai.alicemultiverse.codec.webp.RiffReader}), the
 * canvas size from the bitstream headers ({@link ai.alicemultiverse.codec.webp.WebpCanvas}) and a
 * writer that converts simple files to the extended format when XMP is added
 * ({@link ai.alicemultiverse.codec.webp.WebpWriter}).
 */
package ai.alicemultiverse.codec.webp;
