package ai.alicemultiverse.model;

import java.io.Serializable;

/** A file the pipeline could not use, and why. */
public record FileError(String path, String stage, String reason, String seenAt)
    implements Serializable {}
