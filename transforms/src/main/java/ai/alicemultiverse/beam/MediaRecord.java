package ai.alicemultiverse.beam;

import java.io.Serializable;

/**
 * One media file seen at one location during a scan.
 *
 * @param metadataJson the embedded metadata as JSON, or null when the file carries none
 * @param metadataVersion {@code alice:metadata_version}, or null
 * @param processedAt {@code alice:processed_at}, or null
 * @param lastVerified when this scan read the file (ISO-8601)
 */
public record MediaRecord(
    String contentHash,
    String path,
    String storageType,
    String format,
    String mediaType,
    String mime,
    long sizeBytes,
    long lastModifiedMillis,
    String hashSource,
    String metadataJson,
    Integer metadataVersion,
    String processedAt,
    String lastVerified)
    implements Serializable {}
