/**
 * MP3 codec: the ID3v2 tag at the front ({@link ai.alicemultiverse.codec.mp3.Id3v2Reader}, {@link
 * ai.alicemultiverse.codec.mp3.Id3v2Writer}) holds the XMP in a {@code PRIV} frame; the audio between
 * the tags ({@link ai.alicemultiverse.codec.mp3.Mp3Layout}, found by MPEG frame sync) is what the
 * content hash covers, as ExifTool's ImageDataHash defines it for MP3. {@link
 * ai.alicemultiverse.codec.mp3.MpegFrameHeader} parses frame headers for both the sync check and
 * {@link ai.alicemultiverse.codec.mp3.Mp3Frames} (the first frames a metadata parser is shown, and the
 * duration they give).
 *
 * <p>May import: {@code codec}.
 */
package ai.alicemultiverse.codec.mp3;
