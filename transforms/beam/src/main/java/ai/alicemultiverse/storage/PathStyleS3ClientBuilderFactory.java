package ai.alicemultiverse.storage;

import org.apache.beam.sdk.io.aws2.common.ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds Beam's S3 clients with path-style addressing ({@code http://host:port/bucket/key}) for
 * S3-compatible servers, which rarely serve the virtual-host style ({@code bucket.host}) that the
 * AWS SDK uses by default. Selected with {@code --s3ClientFactoryClass} (the command line's
 * {@code --s3-path-style} does that).
 *
 * <p>Beam's S3 write channel sends {@code x-amz-server-side-encryption-bucket-key-enabled: false}
 * with every upload, asked or not; S3-compatible servers that have no bucket keys refuse the
 * header (S3Proxy answers 501), so these clients leave it out when it says {@code false}, which is
 * what its absence means anyway.
 *
 * <p>Everything else comes from Beam's own client configuration: {@code --endpoint},
 * {@code --awsRegion} and {@code --awsCredentialsProvider} (by default the AWS default provider
 * chain: environment, system properties, profile files, container and instance roles).
 */
public class PathStyleS3ClientBuilderFactory implements S3ClientBuilderFactory {
  /**
   * S3-compatible servers ignore the region, but the SDK needs one to sign requests; this is the
   * one AWS itself assumes when none is named.
   */
  static final Region FALLBACK_REGION = Region.US_EAST_1;

  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    S3ClientBuilder builder = ClientBuilderFactory.getFactory(options).create(S3Client.builder(), options);
    if (options.getAwsRegion() == null) {
      builder.region(FALLBACK_REGION);
    }
    return builder.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .overrideConfiguration(c -> c.addExecutionInterceptor(new NoBucketKeyFalse()));
  }

  /** Drops the bucket-key header when it only says "false". */
  static final class NoBucketKeyFalse implements ExecutionInterceptor {
    static final String HEADER = "x-amz-server-side-encryption-bucket-key-enabled";

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
      SdkHttpRequest request = context.httpRequest();
      return request.firstMatchingHeader(HEADER).filter("false"::equalsIgnoreCase).isPresent()
          ? request.toBuilder().removeHeader(HEADER).build() : request;
    }
  }
}
