/**
 * WAV codec over the shared RIFF walker: the XMP lives in a {@code _PMX} chunk, the content hash
 * covers the {@code data} chunk.
 *
 * <p>May import: {@code codec}, {@code codec.riff}.
 */
package ai.alicemultiverse.codec.wav;
