package ai.alicemultiverse.understanding;

import ai.alicemultiverse.xmp.ProviderOutput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Asks an OpenAI-compatible {@code chat/completions} endpoint with vision (OpenAI, OpenRouter, a
 * local Ollama at {@code http://127.0.0.1:11434/v1}, ...) to describe and tag an image. The model is
 * asked for a JSON object {@code {"description": ..., "tags": {"style": [...], ...}}}; an answer that
 * is not JSON is kept as the description. The cost is taken from {@code usage.cost} when the
 * service states it, else computed from the token counts and the configured prices, else unknown.
 *
 * <p>Audio and video are not sent (they get no tags from this provider). Images other than JPEG,
 * PNG and WebP, or over {@link #MAX_INLINE_BYTES}, are re-encoded by ImageIO as PNG first.
 */
public final class HttpVisionProvider implements UnderstandingProvider {
  private static final long serialVersionUID = 1L;
  public static final String NAME = "openai-compatible";
  static final int MAX_INLINE_BYTES = 8 << 20;
  static final String INSTRUCTION = "Describe this image for a media library. Answer with one JSON object only:"
      + " {\"description\": \"one sentence\", \"tags\": {\"subject\": [...], \"style\": [...], \"mood\": [...],"
      + " \"colors\": [...]}} with short lower-case tag values.";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final VisionConfig config;
  private transient volatile HttpClient client;

  public HttpVisionProvider(VisionConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Understanding understand(MediaItem item) throws IOException {
    if (!item.format().mediaType().equals("image")) {
      return new Understanding(null, null, null);
    }
    String body = JSON.writeValueAsString(request(dataUrl(item)));
    HttpRequest.Builder request = HttpRequest.newBuilder(config.endpoint())
        .timeout(config.timeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (config.apiKey() != null) {
      request.header("Authorization", "Bearer " + config.apiKey());
    }
    HttpResponse<String> response;
    try {
      response = client().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new IOException("vision endpoint " + config.safeUrl() + " did not answer within "
          + config.timeout().toSeconds() + " s", e);
    } catch (ConnectException e) {
      throw new IOException("vision endpoint " + config.safeUrl() + " refused the connection", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + config.safeUrl(), e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException("vision endpoint " + config.safeUrl() + " answered HTTP " + response.statusCode()
          + excerpt(response.body()));
    }
    return parse(response.body());
  }

  private ObjectNode request(String dataUrl) {
    ObjectNode root = JSON.createObjectNode();
    root.put("model", config.model());
    root.put("temperature", 0);
    root.put("max_tokens", 600);
    ArrayNode content = root.putArray("messages").addObject().put("role", "user").putArray("content");
    content.addObject().put("type", "text").put("text", INSTRUCTION);
    content.addObject().put("type", "image_url").putObject("image_url").put("url", dataUrl);
    return root;
  }

  /** The image as a data: URL, re-encoded as PNG when the endpoint would not take it as is. */
  static String dataUrl(MediaItem item) throws IOException {
    String mime = item.format().mime();
    boolean sendable = switch (item.format()) {
      case JPEG, PNG, WEBP -> item.sizeBytes() <= MAX_INLINE_BYTES;
      default -> false;
    };
    byte[] bytes;
    if (sendable) {
      bytes = Files.readAllBytes(item.file());
    } else {
      BufferedImage image = ImageIO.read(item.file().toFile());
      if (image == null) {
        throw new IOException("cannot decode the image to send it to the vision endpoint");
      }
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(image, "png", png);
      bytes = png.toByteArray();
      mime = "image/png";
    }
    return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  Understanding parse(String responseBody) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(responseBody);
    } catch (IOException e) {
      throw new IOException("vision endpoint " + config.safeUrl() + " answered with something that is not JSON"
          + excerpt(responseBody));
    }
    JsonNode message = root.path("choices").path(0).path("message").path("content");
    if (!message.isTextual()) {
      throw new IOException("vision endpoint " + config.safeUrl() + " answered without choices[0].message.content"
          + excerpt(responseBody));
    }
    String text = message.textValue();
    TreeMap<String, List<String>> tags = new TreeMap<>();
    String description = text.strip();
    JsonNode answer = embeddedJson(text);
    if (answer != null && answer.isObject()) {
      description = answer.path("description").isTextual() ? answer.get("description").textValue() : null;
      for (Iterator<Map.Entry<String, JsonNode>> it = answer.path("tags").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        List<String> values = new ArrayList<>();
        for (JsonNode v : e.getValue().isArray() ? e.getValue() : JSON.createArrayNode().add(e.getValue())) {
          if (v.isValueNode() && !v.asText().isBlank()) {
            values.add(v.asText().strip());
          }
        }
        if (!values.isEmpty() && !e.getKey().isBlank() && Character.isLetter(e.getKey().strip().charAt(0))) {
          tags.put(e.getKey(), values);
        }
      }
    }
    String model = root.path("model").isTextual() ? root.get("model").textValue() : config.model();
    ProviderOutput output = new ProviderOutput(NAME, model, text, cost(root.path("usage")),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    return new Understanding(tags, description, output);
  }

  /** usage.cost (OpenRouter and others) when given, else tokens × configured prices, else null. */
  Double cost(JsonNode usage) {
    for (String field : new String[] {"cost", "total_cost"}) {
      if (usage.path(field).isNumber() && Double.isFinite(usage.get(field).doubleValue())) {
        return usage.get(field).doubleValue();
      }
    }
    if (config.inputPricePerMillion() != null && config.outputPricePerMillion() != null
        && usage.path("prompt_tokens").isNumber() && usage.path("completion_tokens").isNumber()) {
      return (usage.get("prompt_tokens").doubleValue() * config.inputPricePerMillion()
          + usage.get("completion_tokens").doubleValue() * config.outputPricePerMillion()) / 1_000_000;
    }
    return null;
  }

  /** The JSON object in a model's answer, which may be wrapped in prose or a ``` fence. */
  static JsonNode embeddedJson(String text) {
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    if (start < 0 || end <= start) {
      return null;
    }
    try {
      return JSON.readTree(text.substring(start, end + 1));
    } catch (IOException e) {
      return null;
    }
  }

  /** The start of a response body for an error message, with the key blanked should a server echo it. */
  private String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String oneLine = body.strip().replaceAll("\\s+", " ");
    if (config.apiKey() != null) {
      oneLine = oneLine.replace(config.apiKey(), "***");
    }
    return ": " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine);
  }

  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      synchronized (this) {
        if (client == null) {
          client = HttpClient.newBuilder().connectTimeout(config.timeout())
              .followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        c = client;
      }
    }
    return c;
  }
}
