package ai.alicemultiverse.library;

import java.net.URI;

/**
 * One {@code [[location]]} of a library file.
 *
 * @param root the local path made absolute (against the library file's folder), or the {@code s3://} or
 *     {@code gs://} prefix as written
 * @param storageType the label its files get in the cache, or null for what {@code StorageType} finds
 * @param s3 the S3 settings it asks for (all unset outside {@code s3://})
 * @param gcs the GCS settings it asks for (all unset outside {@code gs://})
 */
public record LibraryLocation(String root, String storageType, S3Settings s3, GcsSettings gcs) {

  /** What Beam's S3 file system is told; one value per job, whatever the number of s3:// locations. */
  public record S3Settings(URI endpoint, String region, boolean pathStyle) {
    static final S3Settings NONE = new S3Settings(null, null, false);
  }

  /** What Beam's GCS file system is told; one value per job, whatever the number of gs:// locations. */
  public record GcsSettings(URI endpoint, boolean anonymous) {
    static final GcsSettings NONE = new GcsSettings(null, false);
  }
}
