package ai.alicemultiverse.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory;
import org.apache.beam.sdk.extensions.gcp.options.GcsOptions;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class StorageFlagsTest {

  @Test
  void everyFlagBecomesItsBeamOptionBeforeTheRawOnes() {
    StorageFlags flags = new StorageFlags(URI.create("http://127.0.0.1:9000"), "eu-west-1", true,
        URI.create("http://127.0.0.1:4443"), true);

    List<String> args = flags.withBeamArgs(List.of("--targetParallelism=3"));

    assertThat(args).containsExactly(
        "--endpoint=http://127.0.0.1:9000",
        "--awsRegion=eu-west-1",
        "--s3ClientFactoryClass=ai.alicemultiverse.storage.PathStyleS3ClientBuilderFactory",
        "--gcsEndpoint=http://127.0.0.1:4443/storage/v1/",
        "--credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
        "--targetParallelism=3");
  }

  @Test
  void beamParsesTheOptionsIntoTheTypesItsFilesystemsRead() {
    StorageFlags flags = new StorageFlags(URI.create("https://minio.example:9000"), "us-west-2", true,
        URI.create("http://127.0.0.1:4443/storage/v1/"), true);

    PipelineOptions options =
        PipelineOptionsFactory.fromArgs(flags.withBeamArgs(List.of()).toArray(String[]::new)).create();

    S3Options s3 = options.as(S3Options.class);
    assertThat(s3.getEndpoint()).isEqualTo(URI.create("https://minio.example:9000"));
    assertThat(s3.getAwsRegion()).isEqualTo(Region.US_WEST_2);
    assertThat(s3.getS3ClientFactoryClass()).isEqualTo(PathStyleS3ClientBuilderFactory.class);
    GcsOptions gcs = options.as(GcsOptions.class);
    assertThat(gcs.getGcsEndpoint()).isEqualTo("http://127.0.0.1:4443/storage/v1/");
    assertThat(gcs.getCredentialFactoryClass()).isEqualTo(NoopCredentialFactory.class);
  }

  @Test
  void anEndpointWithoutARegionGetsUsEast1SoTheRegionChainIsNotProbed() {
    StorageFlags flags = new StorageFlags(URI.create("http://127.0.0.1:9000"), null, true, null, false);
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AWS_REGION") == null);

    assertThat(flags.withBeamArgs(List.of())).containsExactly("--endpoint=http://127.0.0.1:9000",
        "--awsRegion=us-east-1",
        "--s3ClientFactoryClass=ai.alicemultiverse.storage.PathStyleS3ClientBuilderFactory");
    assertThat(flags.withBeamArgs(List.of("--awsRegion=eu-north-1"))).containsExactly(
        "--endpoint=http://127.0.0.1:9000",
        "--s3ClientFactoryClass=ai.alicemultiverse.storage.PathStyleS3ClientBuilderFactory",
        "--awsRegion=eu-north-1");
  }

  @Test
  void noFlagsLeaveTheRawOptionsAlone() {
    assertThat(StorageFlags.none().withBeamArgs(List.of("--endpoint=http://h:1"))).containsExactly("--endpoint=http://h:1");
  }

  @Test
  void gcsEndpointKeepsAnExplicitPath() {
    assertThat(StorageFlags.gcsApiUrl(URI.create("http://h:1/"))).isEqualTo("http://h:1/storage/v1/");
    assertThat(StorageFlags.gcsApiUrl(URI.create("http://h:1/custom/v9"))).isEqualTo("http://h:1/custom/v9/");
  }

  @Test
  void aFlagAndTheRawOptionItSetsAreNotBothAccepted() {
    StorageFlags flags = new StorageFlags(URI.create("http://127.0.0.1:9000"), null, false, null, false);

    assertThatThrownBy(() -> flags.withBeamArgs(List.of("--endpoint=http://other:1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--s3-endpoint and --endpoint set the same pipeline option: give only one of them");
  }

  @Test
  void credentialsInAnEndpointUrlAreRefusedWithoutBeingEchoed() {
    assertThatThrownBy(() -> new StorageFlags(
        URI.create("http://AKIDEXAMPLE:wJalrXUtnFEMI@127.0.0.1:9000"), null, false, null, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--s3-endpoint: credentials in the URL are not accepted")
        .message().doesNotContain("wJalrXUtnFEMI").doesNotContain("AKIDEXAMPLE");
  }

  @Test
  void endpointsMustBeHttpUrlsAndRegionsRegionNames() {
    assertThatThrownBy(() -> new StorageFlags(URI.create("minio:9000"), null, false, null, false))
        .hasMessage("--s3-endpoint: 'minio:9000' is not an http:// or https:// URL with a host"
            + " (e.g. http://127.0.0.1:9000)");
    assertThatThrownBy(() -> new StorageFlags(null, null, false, URI.create("ftp://h/"), false))
        .hasMessageStartingWith("--gcs-endpoint: 'ftp://h/' is not an http:// or https:// URL");
    assertThatThrownBy(() -> new StorageFlags(null, "EU West", false, null, false))
        .hasMessageStartingWith("--s3-region: 'EU West' is not a region name");
  }
}
