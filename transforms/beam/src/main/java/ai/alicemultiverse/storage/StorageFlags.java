package ai.alicemultiverse.storage;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line's storage flags, turned into the Beam pipeline options they stand for. Raw Beam
 * options still pass through; naming the same option both ways is refused rather than guessed.
 *
 * <pre>
 *   --s3-endpoint URL   → --endpoint=URL
 *   --s3-region NAME    → --awsRegion=NAME (us-east-1 with --s3-endpoint when no region is named)
 *   --s3-path-style     → --s3ClientFactoryClass=PathStyleS3ClientBuilderFactory
 *   --gcs-endpoint URL  → --gcsEndpoint=URL (the JSON API's /storage/v1/ path added when URL has none)
 *   --gcs-anonymous     → --credentialFactoryClass=NoopCredentialFactory
 * </pre>
 *
 * <p>There are deliberately no flags that take a secret: a key on the command line is visible to
 * every user of the machine (ps) and ends up in shell history. S3 credentials come from the AWS
 * default provider chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, AWS_PROFILE, instance roles),
 * GCS credentials from Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS).
 *
 * @param s3Endpoint an S3-compatible server, or null for AWS
 * @param s3Region the AWS region, or null for the AWS default region chain
 * @param s3PathStyle address buckets as {@code host/bucket/key} (S3-compatible servers)
 * @param gcsEndpoint a GCS JSON API server, or null for Google's
 * @param gcsAnonymous send no Google credentials (public buckets, local stand-ins)
 */
public record StorageFlags(URI s3Endpoint, String s3Region, boolean s3PathStyle, URI gcsEndpoint,
    boolean gcsAnonymous) {

  static final String GCS_API_PATH = "/storage/v1/";
  static final String NOOP_CREDENTIALS = "org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory";

  public StorageFlags {
    checkEndpoint("--s3-endpoint", s3Endpoint);
    checkEndpoint("--gcs-endpoint", gcsEndpoint);
    if (s3Region != null && !s3Region.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("--s3-region: '" + s3Region
          + "' is not a region name (lower-case letters, digits and dashes, e.g. eu-west-1)");
    }
  }

  public static StorageFlags none() {
    return new StorageFlags(null, null, false, null, false);
  }

  /** The Beam options these flags stand for, followed by {@code rawBeamArgs} unchanged. */
  public List<String> withBeamArgs(List<String> rawBeamArgs) {
    List<String> args = new ArrayList<>();
    if (s3Endpoint != null) {
      args.add(option("--s3-endpoint", "endpoint", s3Endpoint.toString(), rawBeamArgs));
    }
    if (s3Region != null) {
      args.add(option("--s3-region", "awsRegion", s3Region, rawBeamArgs));
    } else if (s3Endpoint != null && !namesRegion(rawBeamArgs)) {
      // An S3-compatible server ignores the region, and leaving it open would let the AWS
      // region chain probe the EC2 instance metadata service before every run.
      args.add("--awsRegion=" + PathStyleS3ClientBuilderFactory.FALLBACK_REGION.id());
    }
    if (s3PathStyle) {
      args.add(option("--s3-path-style", "s3ClientFactoryClass",
          PathStyleS3ClientBuilderFactory.class.getName(), rawBeamArgs));
    }
    if (gcsEndpoint != null) {
      args.add(option("--gcs-endpoint", "gcsEndpoint", gcsApiUrl(gcsEndpoint), rawBeamArgs));
    }
    if (gcsAnonymous) {
      args.add(option("--gcs-anonymous", "credentialFactoryClass", NOOP_CREDENTIALS, rawBeamArgs));
    }
    args.addAll(rawBeamArgs);
    return args;
  }

  /**
   * Beam splits this URL into the client's root URL and service path, so a bare
   * {@code http://host:port} would address {@code /b/...} instead of {@code /storage/v1/b/...}.
   */
  static String gcsApiUrl(URI endpoint) {
    String url = endpoint.toString();
    String path = endpoint.getPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      return url.replaceAll("/+$", "") + GCS_API_PATH;
    }
    return url.endsWith("/") ? url : url + "/";
  }

  private static boolean namesRegion(List<String> rawBeamArgs) {
    return System.getenv("AWS_REGION") != null || System.getProperty("aws.region") != null
        || rawBeamArgs.stream().anyMatch(a -> a.startsWith("--awsRegion"));
  }

  private static String option(String flag, String beamName, String value, List<String> rawBeamArgs) {
    for (String raw : rawBeamArgs) {
      if (raw.equals("--" + beamName) || raw.startsWith("--" + beamName + "=")) {
        throw new IllegalArgumentException(flag + " and --" + beamName
            + " set the same pipeline option: give only one of them");
      }
    }
    return "--" + beamName + "=" + value;
  }

  private static void checkEndpoint(String flag, URI endpoint) {
    if (endpoint == null) {
      return;
    }
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (endpoint.getRawUserInfo() != null) {
      // Never echo the URL: the user part may hold a key.
      throw new IllegalArgumentException(flag + ": credentials in the URL are not accepted (they"
          + " would show in process lists and logs); use the SDK's credential chain instead");
    }
    if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
      throw new IllegalArgumentException(flag + ": '" + endpoint
          + "' is not an http:// or https:// URL with a host (e.g. http://127.0.0.1:9000)");
    }
  }
}
