package ai.alicemultiverse.cli;

import ai.alicemultiverse.storage.StorageFlags;
import java.net.URI;
import picocli.CommandLine.Option;

/** The object-storage flags every command that reads or writes s3:// or gs:// takes (a picocli mixin). */
final class StorageOptions {
  @Option(names = "--s3-endpoint", paramLabel = "URL",
      description = "S3-compatible server for s3:// paths (MinIO, Ceph, S3Proxy, ...), e.g. http://127.0.0.1:9000."
          + " Default: AWS.")
  URI s3Endpoint;

  @Option(names = "--s3-region", paramLabel = "REGION",
      description = "AWS region of the buckets, e.g. eu-west-1 (default: AWS_REGION or the AWS profile's).")
  String s3Region;

  @Option(names = "--s3-path-style",
      description = "Address buckets as URL/bucket/key instead of bucket.URL (most S3-compatible servers need it).")
  boolean s3PathStyle;

  @Option(names = "--gcs-endpoint", paramLabel = "URL",
      description = "GCS JSON API server for gs:// paths (default: Google's); /storage/v1/ is added when URL has no path.")
  URI gcsEndpoint;

  @Option(names = "--gcs-anonymous",
      description = "Send no Google credentials (public buckets, local test servers).")
  boolean gcsAnonymous;

  StorageFlags flags() {
    return new StorageFlags(s3Endpoint, s3Region, s3PathStyle, gcsEndpoint, gcsAnonymous);
  }
}
