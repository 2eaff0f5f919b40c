package ai.alicemultiverse.understanding;

import ai.alicemultiverse.codec.MediaFormat;
import java.nio.file.Path;

/** One local media file to understand: where it is and what the codec found it to be. */
public record MediaItem(Path file, MediaFormat format, long sizeBytes) {}
