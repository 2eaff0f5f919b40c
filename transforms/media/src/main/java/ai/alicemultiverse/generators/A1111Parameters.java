package ai.alicemultiverse.generators;

import ai.alicemultiverse.xmp.Generation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Stable Diffusion web UI (AUTOMATIC1111, Forge, SD.Next) {@code parameters} text:
 *
 * <pre>
 * prompt (one or more lines)
 * Negative prompt: negative prompt (one or more lines)
 * Steps: 30, Sampler: DPM++ 2M, CFG scale: 7, Seed: 1234, Size: 96x64, Model: sdxl_base, ...
 * </pre>
 *
 * The last line holds the settings as {@code Key: value} pairs; a value with a comma is written as
 * a JSON string. This follows the web UI's own reader (infotext_utils.parse_generation_parameters).
 */
public final class A1111Parameters {
  public static final String PROVIDER = "stable-diffusion-webui";

  /** The web UI's own pattern for one {@code Key: value} pair. */
  private static final Pattern PAIR =
      Pattern.compile("\\s*(\\w[\\w \\-/]+):\\s*(\"(?:\\\\.|[^\\\\\"])+\"|[^,]*)(?:,|$)");
  private static final String NEGATIVE = "Negative prompt:";

  private A1111Parameters() {}

  /** The generation in {@code text}, or null when it is not web UI parameters (no settings line). */
  public static Generation parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    List<String> lines = new ArrayList<>(List.of(text.strip().split("\r?\n", -1)));
    String last = lines.get(lines.size() - 1).strip();
    List<String[]> settings = pairs(last);
    if (settings.size() < 3) {
      return null; // the web UI always writes at least Steps, Sampler and CFG scale
    }
    lines.remove(lines.size() - 1);
    StringBuilder prompt = new StringBuilder();
    StringBuilder negative = null;
    for (String line : lines) {
      if (negative == null && line.strip().startsWith(NEGATIVE)) {
        negative = new StringBuilder(line.strip().substring(NEGATIVE.length()).strip());
      } else {
        StringBuilder target = negative == null ? prompt : negative;
        if (!target.isEmpty()) {
          target.append('\n');
        }
        target.append(line);
      }
    }
    String model = null;
    TreeMap<String, String> parameters = new TreeMap<>();
    for (String[] pair : settings) {
      String key = pair[0];
      String value = pair[1];
      if (key.equals("Model")) {
        model = value;
      } else {
        parameters.put(name(key), value);
      }
    }
    return new Generation(PROVIDER, model, prompt.toString().strip(),
        negative == null ? null : negative.toString().strip(), parameters, null, null);
  }

  /** The {@code Key: value} pairs of the settings line, quoted values unquoted. */
  static List<String[]> pairs(String line) {
    List<String[]> pairs = new ArrayList<>();
    Matcher m = PAIR.matcher(line);
    while (m.find()) {
      if (m.group(0).isBlank()) {
        continue;
      }
      String value = m.group(2).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = unquote(value);
      }
      pairs.add(new String[] {m.group(1).strip(), value});
    }
    return pairs;
  }

  /** "CFG scale" → cfg_scale, "Model hash" → model_hash. */
  static String name(String key) {
    return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
  }

  private static String unquote(String quoted) {
    try {
      return Json.MAPPER.readValue(quoted, String.class);
    } catch (java.io.IOException e) {
      return quoted.substring(1, quoted.length() - 1);
    }
  }
}
