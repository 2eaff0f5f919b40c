package ai.alicemultiverse.codec;

/**
 * The pixel size of a file's image or video frame as its own bitstream or track header states it (JPEG SOF,
 * PNG IHDR, WebP canvas, TIFF IFD0, an ISO BMFF video track), never as EXIF repeats it: an image resized
 * without rewriting its EXIF keeps the old EXIF size.
 */
public record FrameSize(int width, int height) {}
