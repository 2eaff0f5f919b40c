package ai.alicemultiverse.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.SSECustomerKey;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.InstanceBuilder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Uploads a run's files to S3 with one PutObject each, in the given order, with the same client
 * Beam's S3 filesystem would build ({@code --s3ClientFactoryClass}, {@code --endpoint}, {@code
 * --awsRegion}, {@code --awsCredentialsProvider}) and its server-side encryption options.
 *
 * <p>Why not Beam's FileSystems here: its S3 channel always uses multipart uploads and always sends
 * {@code x-amz-server-side-encryption-bucket-key-enabled}, even as {@code false}, which
 * S3-compatible servers refuse (S3Proxy: 501; and its multipart completion of Beam's parts fails).
 * Export files are single DuckDB Parquet files, well under PutObject's 5 GB limit per file.
 */
final class S3Upload implements AutoCloseable {
  private final S3Options options;
  private final S3Client client;
  private final List<String[]> written = new ArrayList<>();

  S3Upload(PipelineOptions pipelineOptions) {
    this.options = pipelineOptions.as(S3Options.class);
    S3ClientBuilderFactory factory = InstanceBuilder.ofType(S3ClientBuilderFactory.class)
        .fromClass(options.getS3ClientFactoryClass()).build();
    this.client = factory.createBuilder(options).build();
  }

  /** Uploads {@code file} to {@code s3://bucket/key}. */
  void put(Path file, String location) throws IOException {
    String[] bucketAndKey = split(location);
    PutObjectRequest.Builder request = PutObjectRequest.builder()
        .bucket(bucketAndKey[0]).key(bucketAndKey[1]).contentType("application/octet-stream");
    if (options.getSSEAlgorithm() != null) {
      request.serverSideEncryption(options.getSSEAlgorithm());
    }
    if (options.getSSEKMSKeyId() != null) {
      request.ssekmsKeyId(options.getSSEKMSKeyId());
    }
    if (options.getBucketKeyEnabled()) { // only when asked: servers without bucket keys refuse the header
      request.bucketKeyEnabled(true);
    }
    SSECustomerKey customerKey = options.getSSECustomerKey();
    if (customerKey != null && customerKey.getKey() != null) {
      request.sseCustomerAlgorithm(customerKey.getAlgorithm()).sseCustomerKey(customerKey.getKey())
          .sseCustomerKeyMD5(customerKey.getMD5());
    }
    try {
      client.putObject(request.build(), RequestBody.fromFile(file));
    } catch (SdkException e) {
      throw new IOException(location + ": " + e.getMessage(), e);
    }
    written.add(bucketAndKey);
  }

  /** Deletes every object this upload wrote (after a failure: a run is all or nothing). */
  void deleteWritten() throws IOException {
    IOException failed = null;
    for (String[] bucketAndKey : written) {
      try {
        client.deleteObject(b -> b.bucket(bucketAndKey[0]).key(bucketAndKey[1]));
      } catch (SdkException e) {
        if (failed == null) {
          failed = new IOException("could not remove s3://" + bucketAndKey[0] + "/" + bucketAndKey[1]
              + " again: " + e.getMessage(), e);
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  private static String[] split(String location) {
    String path = location.substring("s3://".length());
    int slash = path.indexOf('/');
    return new String[] {path.substring(0, slash), path.substring(slash + 1)};
  }

  @Override
  public void close() {
    client.close();
  }
}
