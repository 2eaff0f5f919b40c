package ai.alicemultiverse.codec;

/**
 * The sample-entry codes ({@code avc1}, {@code hvc1}, {@code mp4a}, …) of a file's first video and
 * sound tracks, each null where the file has no such track.
 */
public record TrackCodes(String video, String audio) {}
