package ai.alicemultiverse.model;

import ai.alicemultiverse.extract.StandardMetadata;
import java.io.Serializable;

/**
 * One media file seen at one location during a scan.
 *
 * @param metadataJson the embedded metadata as JSON, or null when the file carries none
 * @param metadataVersion {@code alice:metadata_version}, or null
 * @param processedAt {@code alice:processed_at}, or null
 * @param lastVerified when this scan read the file (ISO-8601)
 * @param standard what the container says (MIME by magic, size, duration, codecs, EXIF/ID3), or null
 * @param signature the file's change signature as its listing gave it (size, times, inode; an object's
 *     ETag or MD5), or null when unknown: a later run reuses this record without opening the file only
 *     while the listing gives the same signature
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
    String lastVerified,
    StandardMetadata standard,
    String signature)
    implements Serializable {

  /** A sighting whose change signature is unknown (a later run reads the file again). */
  public MediaRecord(String contentHash, String path, String storageType, String format, String mediaType,
      String mime, long sizeBytes, long lastModifiedMillis, String hashSource, String metadataJson,
      Integer metadataVersion, String processedAt, String lastVerified, StandardMetadata standard) {
    this(contentHash, path, storageType, format, mediaType, mime, sizeBytes, lastModifiedMillis, hashSource,
        metadataJson, metadataVersion, processedAt, lastVerified, standard, null);
  }

  /** A sighting without standard metadata (steps that do not run the extractor). */
  public MediaRecord(String contentHash, String path, String storageType, String format, String mediaType,
      String mime, long sizeBytes, long lastModifiedMillis, String hashSource, String metadataJson,
      Integer metadataVersion, String processedAt, String lastVerified) {
    this(contentHash, path, storageType, format, mediaType, mime, sizeBytes, lastModifiedMillis, hashSource,
        metadataJson, metadataVersion, processedAt, lastVerified, null, null);
  }

  /** The same sighting with another storage type (a location's label from the library file). */
  public MediaRecord withStorageType(String type) {
    return new MediaRecord(contentHash, path, type, format, mediaType, mime, sizeBytes, lastModifiedMillis,
        hashSource, metadataJson, metadataVersion, processedAt, lastVerified, standard, signature);
  }
}
