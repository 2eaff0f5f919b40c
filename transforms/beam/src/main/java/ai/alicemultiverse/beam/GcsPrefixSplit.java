package ai.alicemultiverse.beam;

import com.google.api.services.storage.model.Objects;
import com.google.api.services.storage.model.StorageObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.extensions.gcp.options.GcsOptions;
import org.apache.beam.sdk.extensions.gcp.util.GcsUtil;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.construction.PipelineOptionsTranslation;

/**
 * Splits a {@code gs://bucket/prefix/**} root by its first level: the JSON API's objects.list with
 * the delimiter {@code /} (all pages), its {@code prefixes} and {@code items} handed to
 * {@link ObjectStoreRoot#splitListed}. An item carries all Beam's GCS matcher keeps of an object,
 * so the objects directly under the prefix become files here, as Beam's matcher makes them
 * ({@link #metadata}), without one more request each. The listing goes through Beam's own
 * {@link GcsUtil}, so {@code --gcsEndpoint}, the credentials and the retries are those of Beam's
 * GCS filesystem.
 */
final class GcsPrefixSplit {
  private GcsPrefixSplit() {}

  /** {@code gcsEndpoint}: the job's {@code --gcsEndpoint} where {@code options} may have lost it. */
  static RootSplit split(ObjectStoreRoot root, PipelineOptions options, String gcsEndpoint) throws IOException {
    GcsUtil gcs = withEndpoint(options, gcsEndpoint).getGcsUtil();
    List<String> commonPrefixes = new ArrayList<>();
    Map<String, MatchResult.Metadata> objects = new LinkedHashMap<>();
    String pageToken = null;
    do {
      Objects page;
      try {
        page = gcs.listObjects(root.bucket(), root.prefix(), pageToken, ObjectStoreRoot.DELIMITER);
      } catch (IOException e) {
        throw root.listingFailed(e);
      }
      // A page may hold only prefixes (no items) and still have more pages after it.
      if (page.getPrefixes() != null) {
        commonPrefixes.addAll(page.getPrefixes());
      }
      if (page.getItems() != null) {
        for (StorageObject object : page.getItems()) {
          String name = object.getName();
          // Beam's GCS matcher skips names ending in "/" (folder markers): so does this.
          if (name.endsWith(ObjectStoreRoot.DELIMITER)) {
            continue;
          }
          if (!ObjectStoreRoot.listable(name)) {
            return RootSplit.of(List.of(root.pattern()));
          }
          // kept small at once: a flat prefix may list millions
          objects.put(name, metadata(root.bucket(), object));
        }
      }
      pageToken = page.getNextPageToken();
    } while (pageToken != null);
    return root.splitListed(commonPrefixes, objects);
  }

  /** What Beam's GCS matcher makes of a listed object (GcsFileSystem.toMetadata). */
  static MatchResult.Metadata metadata(String bucket, StorageObject object) {
    MatchResult.Metadata.Builder file = MatchResult.Metadata.builder()
        .setResourceId(FileSystems.matchNewResource("gs://" + bucket + "/" + object.getName(), false))
        .setIsReadSeekEfficient(!"gzip".equals(object.getContentEncoding()))
        .setSizeBytes(object.getSize() == null ? 0 : object.getSize().longValue())
        .setLastModifiedMillis(object.getUpdated() == null ? 0 : object.getUpdated().getValue());
    if (object.getMd5Hash() != null) {
      file.setChecksum(object.getMd5Hash());
    }
    return file.build();
  }

  /**
   * The options with {@code gcsEndpoint} put back. A copy rather than the options themselves: their
   * GcsUtil, once made, keeps the endpoint it was made with.
   */
  private static GcsOptions withEndpoint(PipelineOptions options, String gcsEndpoint) {
    GcsOptions gcsOptions = options.as(GcsOptions.class);
    if (gcsEndpoint == null || gcsEndpoint.equals(gcsOptions.getGcsEndpoint())) {
      return gcsOptions;
    }
    GcsOptions copy = PipelineOptionsTranslation.fromProto(PipelineOptionsTranslation.toProto(options))
        .as(GcsOptions.class);
    copy.setGcsEndpoint(gcsEndpoint);
    return copy;
  }
}
