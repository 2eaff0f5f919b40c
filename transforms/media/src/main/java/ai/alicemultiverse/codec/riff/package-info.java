/**
 * The RIFF container shared by the WebP and WAV codecs: a top-level chunk walker
 * ({@link ai.alicemultiverse.codec.riff.RiffReader}) told by a
 * {@link ai.alicemultiverse.codec.riff.RiffForm} which form type to expect and how strictly to
 * check it. What each chunk means stays in the format's own package.
 *
 * <p>May import: {@code codec}.
 */
package ai.alicemultiverse.codec.riff;
