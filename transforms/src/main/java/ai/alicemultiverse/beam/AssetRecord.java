package ai.alicemultiverse.beam;

import java.io.Serializable;
import java.util.List;

/** One row per content hash: the media, its newest metadata and every place it lives. */
public record AssetRecord(
    String contentHash,
    String format,
    String mediaType,
    String mime,
    long sizeBytes,
    String metadataJson,
    Integer metadataVersion,
    String processedAt,
    boolean metadataConflict,
    List<MediaRecord> locations)
    implements Serializable {}
