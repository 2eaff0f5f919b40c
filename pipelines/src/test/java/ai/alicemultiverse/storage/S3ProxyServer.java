package ai.alicemultiverse.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3-compatible server (S3Proxy, in-memory backend) on loopback, run as its own
 * {@code java -jar} process so its Jetty and Jackson never share a class path with Beam's. The
 * jar is copied into the build folder by the pom (system property {@code alice.s3proxy.jar}). Shared with
 * the hardening campaigns (storage faults, credentials).
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String IDENTITY = "alice-test-identity";
  public static final String CREDENTIAL = "alice-test-secret-d2c9f0e7";
  /** This server's identity and secret, for the AWS SDK and Beam's {@code AwsOptions}. */
  public static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL));

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private S3ProxyServer(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  public static S3ProxyServer start(Path workDir) throws IOException, InterruptedException {
    return start(workDir, Duration.ofSeconds(60));
  }

  /** {@link #start(Path)}, waiting up to {@code timeout} for it to listen (a long campaign runs at low priority). */
  public static S3ProxyServer start(Path workDir, Duration timeout) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("alice.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("S3Proxy jar not found at " + jar + " (mvn process-test-resources copies it)");
    }
    int port = freePort();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    Path properties = workDir.resolve("s3proxy.properties");
    Files.writeString(properties, String.join("\n",
        "s3proxy.endpoint=" + endpoint,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + IDENTITY,
        "s3proxy.credential=" + CREDENTIAL,
        "jclouds.provider=transient",
        "jclouds.identity=unused",
        "jclouds.credential=unused",
        ""));
    Path log = workDir.resolve("s3proxy.log");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-jar", jar.toString(),
        "--properties", properties.toString()))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    S3ProxyServer server = new S3ProxyServer(process, endpoint, log);
    server.awaitListening(port, timeout);
    return server;
  }

  /**
   * Options as the command line makes them from --s3-endpoint {@code endpoint} (this server, or a
   * proxy in front of it), --s3-region and --s3-path-style, with this server's credentials, which
   * the command line would take from the AWS default provider chain.
   */
  public static PipelineOptions options(URI endpoint) {
    StorageFlags flags = new StorageFlags(endpoint, "us-east-1", true, null, false);
    PipelineOptions options = PipelineOptionsFactory
        .fromArgs(flags.withBeamArgs(List.of("--runner=DirectRunner")).toArray(String[]::new)).create();
    options.as(AwsOptions.class).setAwsCredentialsProvider(CREDENTIALS);
    return options;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** A path-style client of this server with its credentials, for tests to put and check objects. */
  public S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
  }

  private void awaitListening(int port, Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    close();
    throw new IllegalStateException("S3Proxy did not listen on port " + port + " within " + timeout);
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
