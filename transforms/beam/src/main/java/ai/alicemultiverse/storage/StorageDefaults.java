package ai.alicemultiverse.storage;

import java.util.List;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import software.amazon.awssdk.regions.Region;

/** Defaults a job applies to its options once it knows which storage its roots are on. */
public final class StorageDefaults {
  private StorageDefaults() {}

  /**
   * Beam registers its S3 filesystem on every pipeline run and, to do so, asks the AWS region
   * chain for a default; the chain's last step probes the EC2 instance metadata service
   * (169.254.169.254), which off EC2 costs seconds of connect timeouts and sends traffic off the
   * machine. A job without {@code s3://} roots never talks to S3, so it gets a fixed region and
   * the probe never happens. Jobs with S3 roots keep the whole chain (instance roles included).
   */
  public static void forRoots(PipelineOptions options, List<String> roots) {
    if (roots.stream().noneMatch(root -> root.startsWith("s3://"))) {
      options.as(AwsOptions.class).setAwsRegion(Region.US_EAST_1);
    }
  }
}
