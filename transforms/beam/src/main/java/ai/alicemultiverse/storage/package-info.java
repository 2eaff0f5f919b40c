/**
 * Object storage for the rebuild: how {@code s3://} and {@code gs://} roots reach Beam's
 * FileSystems. {@link ai.alicemultiverse.storage.StorageFlags} turns the command line's
 * {@code --s3-*} and {@code --gcs-*} flags into Beam pipeline options;
 * {@link ai.alicemultiverse.storage.PathStyleS3ClientBuilderFactory} gives Beam's S3 filesystem the
 * path-style addressing that S3-compatible servers (MinIO, Ceph, S3Proxy) need. Credentials are
 * never put into options as text: they come from the provider chains of the cloud SDKs.
 *
 * <p>May import: Beam and the cloud SDKs it brings. Not DuckDB.
 */
package ai.alicemultiverse.storage;
