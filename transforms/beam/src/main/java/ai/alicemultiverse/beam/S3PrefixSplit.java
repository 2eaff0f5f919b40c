package ai.alicemultiverse.beam;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.S3FileSystemConfiguration;
import org.apache.beam.sdk.options.PipelineOptions;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Splits an {@code s3://bucket/prefix/**} root by its first level: ListObjectsV2 with the delimiter
 * {@code /} (all pages), its CommonPrefixes and Contents handed to {@link ObjectStoreRoot#split}.
 * The objects directly under the prefix are matched again one by one: a listing does not give their
 * content encoding, which Beam's S3 matcher asks each object for (a HEAD), split or not.
 *
 * <p>The client is the one Beam's S3 filesystem builds from the same options ({@code --endpoint},
 * {@code --awsRegion}, {@code --awsCredentialsProvider}, {@code --s3ClientFactoryClass} for
 * path-style servers), so the split lists exactly where the match and the reads go.
 */
final class S3PrefixSplit {
  private S3PrefixSplit() {}

  static RootSplit split(ObjectStoreRoot root, PipelineOptions options) throws IOException {
    List<String> commonPrefixes = new ArrayList<>();
    List<String> objectKeys = new ArrayList<>();
    try (S3Client s3 = S3FileSystemConfiguration.fromS3Options(options.as(S3Options.class))
        .getS3ClientBuilder().build()) {
      Iterable<ListObjectsV2Response> pages = s3.listObjectsV2Paginator(request -> request
          .bucket(root.bucket())
          .prefix(root.prefix())
          .delimiter(ObjectStoreRoot.DELIMITER));
      for (ListObjectsV2Response page : pages) {
        for (CommonPrefix common : page.commonPrefixes()) {
          commonPrefixes.add(common.prefix());
        }
        for (S3Object object : page.contents()) {
          // Beam's S3 matcher keeps a key equal to the prefix ("folder/" markers): so does this.
          objectKeys.add(object.key());
        }
      }
    } catch (SdkException e) {
      throw root.listingFailed(e);
    }
    return root.split(commonPrefixes, objectKeys);
  }
}
