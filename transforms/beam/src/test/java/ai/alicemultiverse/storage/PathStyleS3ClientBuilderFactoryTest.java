package ai.alicemultiverse.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The factory's clients against a loopback HTTP server that records what they ask for. */
class PathStyleS3ClientBuilderFactoryTest {
  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Host")
          + " " + exchange.getRequestURI().getPath() + " "
          + exchange.getRequestHeaders().getFirst("Authorization").replaceAll("Credential=([^/]+)/\\d+/([^/]+)/.*", "$1 $2"));
      byte[] body = "media".getBytes(StandardCharsets.US_ASCII);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Test
  void addressesTheBucketInThePathWithTheOptionsCredentialsAndRegion() {
    S3Options options = PipelineOptionsFactory.fromArgs(
        "--endpoint=" + endpoint(), "--awsRegion=eu-west-1").as(S3Options.class);
    options.setAwsCredentialsProvider(
        StaticCredentialsProvider.create(AwsBasicCredentials.create("test-identity", "test-secret")));

    try (S3Client s3 = new PathStyleS3ClientBuilderFactory().createBuilder(options).build()) {
      ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket("media").key("ai/a.jpg"));
      assertThat(bytes.asUtf8String()).isEqualTo("media");
    }

    assertThat(requests).containsExactly(
        "GET 127.0.0.1:" + server.getAddress().getPort() + " /media/ai/a.jpg AWS4-HMAC-SHA256 test-identity eu-west-1");
  }

  @Test
  void fallsBackToUsEast1WhenNoRegionIsKnown() {
    S3Options options = PipelineOptionsFactory.fromArgs("--endpoint=" + endpoint()).as(S3Options.class);
    options.setAwsRegion(null); // as when neither a flag, AWS_REGION nor a profile names one
    options.setAwsCredentialsProvider(
        StaticCredentialsProvider.create(AwsBasicCredentials.create("test-identity", "test-secret")));

    try (S3Client s3 = new PathStyleS3ClientBuilderFactory().createBuilder(options).build()) {
      s3.getObjectAsBytes(b -> b.bucket("media").key("b.png"));
    }

    assertThat(requests).containsExactly(
        "GET 127.0.0.1:" + server.getAddress().getPort() + " /media/b.png AWS4-HMAC-SHA256 test-identity us-east-1");
  }
}
