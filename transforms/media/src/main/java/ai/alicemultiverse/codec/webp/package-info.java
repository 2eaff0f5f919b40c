/**
 * WebP container codec: the shared RIFF chunk walker
 * ({@link ai.alicemultiverse.codec.riff.RiffReader}, read strictly), the
 * canvas size from the bitstream headers ({@link ai.alicemultiverse.codec.webp.WebpCanvas}) and a
 * writer that converts simple files to the extended format when XMP is added
 * ({@link ai.alicemultiverse.codec.webp.WebpWriter}).
 *
 * <p>May import: {@code codec}, {@code codec.riff}.
 */
package ai.alicemultiverse.codec.webp;
