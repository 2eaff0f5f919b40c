package ai.alicemultiverse.understanding;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where the vision endpoint is and how to call it. The key is only ever sent in the
 * Authorization header: {@link #toString()} and every error message leave it out.
 *
 * @param url the endpoint: a base such as {@code https://api.openai.com/v1} or
 *     {@code http://127.0.0.1:11434/v1} ({@code /chat/completions} is added), or the full
 *     chat/completions URL
 * @param model the vision model, e.g. {@code gpt-4o-mini} or {@code llava}
 * @param apiKey bearer token, or null (a local Ollama needs none)
 * @param timeout for connecting and for the whole answer
 * @param inputPricePerMillion USD per million prompt tokens when the answer states no cost, or null
 * @param outputPricePerMillion USD per million completion tokens, or null
 */
public record VisionConfig(String url, String model, String apiKey, Duration timeout,
    Double inputPricePerMillion, Double outputPricePerMillion) implements Serializable {

  public static final String ENV_URL = "ALICE_VISION_URL";
  public static final String ENV_MODEL = "ALICE_VISION_MODEL";
  public static final String ENV_KEY = "ALICE_VISION_KEY";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  public VisionConfig {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("no vision endpoint: give --vision-url or set " + ENV_URL);
    }
    URI parsed = URI.create(url.strip());
    if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
      throw new IllegalArgumentException("vision endpoint must be an http:// or https:// URL: " + redact(url));
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("no vision model: give --vision-model or set " + ENV_MODEL);
    }
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
  }

  /** Command-line values win over the environment; the key comes only from the environment. */
  public static VisionConfig resolve(String url, String model, Duration timeout, Map<String, String> env) {
    return new VisionConfig(url != null ? url : env.get(ENV_URL), model != null ? model : env.get(ENV_MODEL),
        env.get(ENV_KEY), timeout, null, null);
  }

  /** The chat/completions URL. */
  public URI endpoint() {
    URI u = URI.create(url.strip());
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    if (path.endsWith("/chat/completions")) {
      return u;
    }
    path = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + "/chat/completions";
    // a query (some gateways take the key or an API version there) stays after the path
    return URI.create(u.getScheme() + "://" + u.getRawAuthority() + path
        + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
  }

  /** The URL without query or user info, fit for messages. */
  public String safeUrl() {
    return redact(endpoint().toString());
  }

  static String redact(String url) {
    try {
      URI u = URI.create(url.strip());
      return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
    } catch (IllegalArgumentException | java.net.URISyntaxException e) {
      return "(unparseable URL)";
    }
  }

  @Override
  public String toString() {
    return "VisionConfig[url=" + safeUrl() + ", model=" + model + ", key=" + (apiKey == null ? "none" : "set")
        + ", timeout=" + timeout + "]";
  }
}
