package ai.alicemultiverse.model;

import ai.alicemultiverse.extract.StandardMetadata;
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
    List<MediaRecord> locations,
    StandardMetadata standard)
    implements Serializable {

  /** An asset without standard metadata. */
  public AssetRecord(String contentHash, String format, String mediaType, String mime, long sizeBytes,
      String metadataJson, Integer metadataVersion, String processedAt, boolean metadataConflict,
      List<MediaRecord> locations) {
    this(contentHash, format, mediaType, mime, sizeBytes, metadataJson, metadataVersion, processedAt,
        metadataConflict, locations, null);
  }
}
