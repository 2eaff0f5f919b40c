package ai.alicemultiverse.understanding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.testing.Vectors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The vision provider against a real HTTP server on loopback. */
class HttpVisionProviderTest {
  static final String KEY = "sk-test-secret-0123456789";
  HttpServer server;
  final AtomicReference<String> requestBody = new AtomicReference<>();
  final AtomicReference<String> authorization = new AtomicReference<>();
  final AtomicReference<String> path = new AtomicReference<>();
  volatile int status = 200;
  volatile String answer;
  volatile long delayMillis;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      path.set(exchange.getRequestURI().getPath());
      authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
      requestBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] body = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  HttpVisionProvider provider(Duration timeout, Double inPrice, Double outPrice) {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    return new HttpVisionProvider(new VisionConfig(url, "llava", KEY, timeout, inPrice, outPrice));
  }

  static MediaItem png() throws IOException {
    Path file = Vectors.file("plain.png");
    return new MediaItem(file, MediaFormat.PNG, Files.size(file));
  }

  static String completion(String content, String usage) throws IOException {
    return "{\"id\":\"c1\",\"model\":\"llava:13b\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
        + "\"content\":" + new ObjectMapper().writeValueAsString(content) + "}}]" + usage + "}";
  }

  @Test
  void sendsTheImageAndReadsTagsDescriptionAndCost() throws IOException {
    answer = completion("```json\n{\"description\": \"A small test pattern.\", \"tags\": {\"subject\": [\"pattern\"],"
        + " \"style\": [\"minimal\", \"geometric\"], \"Mood\": \"calm\"}}\n```",
        ",\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":50,\"total_tokens\":1050,\"cost\":0.00123}");
    Understanding u = provider(Duration.ofSeconds(5), null, null).understand(png());

    assertThat(path.get()).isEqualTo("/v1/chat/completions");
    assertThat(authorization.get()).isEqualTo("Bearer " + KEY);
    JsonNode sent = new ObjectMapper().readTree(requestBody.get());
    assertThat(sent.get("model").asText()).isEqualTo("llava");
    String dataUrl = sent.at("/messages/0/content/1/image_url/url").asText();
    assertThat(dataUrl).isEqualTo("data:image/png;base64,"
        + Base64.getEncoder().encodeToString(Files.readAllBytes(Vectors.file("plain.png"))));

    assertThat(u.description()).isEqualTo("A small test pattern.");
    assertThat(u.tags()).isEqualTo(Map.of("subject", List.of("pattern"), "style", List.of("minimal", "geometric"),
        "Mood", List.of("calm")));
    assertThat(u.output().provider()).isEqualTo("openai-compatible");
    assertThat(u.output().model()).isEqualTo("llava:13b");
    assertThat(u.output().cost()).isEqualTo(0.00123);
  }

  @Test
  void costFromTokensAndConfiguredPricesWhenTheAnswerStatesNone() throws IOException {
    answer = completion("{\"description\": \"x\"}", ",\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":200}");
    Understanding u = provider(Duration.ofSeconds(5), 0.15, 0.60).understand(png());
    assertThat(u.output().cost()).isCloseTo((1000 * 0.15 + 200 * 0.60) / 1_000_000, org.assertj.core.data.Offset.offset(1e-15));
    answer = completion("just prose, no JSON", "");
    Understanding prose = provider(Duration.ofSeconds(5), null, null).understand(png());
    assertThat(prose.description()).isEqualTo("just prose, no JSON");
    assertThat(prose.tags()).isEmpty();
    assertThat(prose.output().cost()).isNull();
  }

  @Test
  void http500IsAnErrorNamingTheStatusButNotTheKey() {
    status = 500;
    answer = "{\"error\":\"model crashed for key " + KEY + "\"}";
    assertThatThrownBy(() -> provider(Duration.ofSeconds(5), null, null).understand(png()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("answered HTTP 500")
        .hasMessageContaining("model crashed")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void aSlowEndpointTimesOut() {
    delayMillis = 3000;
    answer = completion0();
    long started = System.nanoTime();
    assertThatThrownBy(() -> provider(Duration.ofMillis(500), null, null).understand(png()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("did not answer within");
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2500);
  }

  @Test
  void audioIsNotSent() throws IOException {
    answer = completion0();
    Path wav = Vectors.file("plain.wav");
    Understanding u = provider(Duration.ofSeconds(5), null, null).understand(new MediaItem(wav, MediaFormat.WAV, 1));
    assertThat(u.output()).isNull();
    assertThat(requestBody.get()).isNull();
  }

  @Test
  void configNeverShowsTheKey() {
    VisionConfig config = new VisionConfig("https://user:pw@api.example.com/v1?key=" + KEY, "m", KEY, null, null, null);
    assertThat(config.toString()).doesNotContain(KEY).doesNotContain("pw").contains("key=set");
    assertThat(config.safeUrl()).isEqualTo("https://api.example.com/v1/chat/completions");
    assertThat(VisionConfig.resolve(null, null, null, Map.of("ALICE_VISION_URL", "http://127.0.0.1:11434/v1",
        "ALICE_VISION_MODEL", "llava")).apiKey()).isNull();
    assertThatThrownBy(() -> VisionConfig.resolve(null, "m", null, Map.of()))
        .hasMessageContaining("ALICE_VISION_URL");
  }

  private static String completion0() {
    try {
      return completion("{}", "");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
