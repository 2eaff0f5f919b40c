package ai.alicemultiverse.generators;

import ai.alicemultiverse.xmp.Generation;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Generator metadata written as one flat JSON object (InvokeAI {@code invokeai_metadata}, Fooocus
 * {@code parameters}, NovelAI {@code Comment}): the usual key names are mapped, every other scalar
 * becomes a parameter. A best effort for tools without a dedicated reader.
 */
final class JsonGeneratorText {
  private static final Set<String> PROMPT = Set.of("prompt", "positive_prompt", "full_prompt");
  private static final Set<String> NEGATIVE = Set.of("negative_prompt", "negative", "uc", "full_negative_prompt");
  private static final Set<String> MODEL = Set.of("model", "model_name", "base_model", "checkpoint");

  private JsonGeneratorText() {}

  /** The generation in a JSON object, or null when {@code text} is not one or names no prompt or model. */
  static Generation parse(String text, String provider) {
    JsonNode root = Json.tree(text);
    if (root == null || !root.isObject()) {
      return null;
    }
    String prompt = null;
    String negative = null;
    String model = null;
    TreeMap<String, String> parameters = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = A1111Parameters.name(e.getKey());
      JsonNode value = e.getValue();
      if (MODEL.contains(key) && value.isObject()) {
        value = value.has("model_name") ? value.get("model_name") : value.get("name");
      }
      String scalar = Json.scalar(value);
      if (scalar == null) {
        continue;
      }
      if (PROMPT.contains(key) && prompt == null) {
        prompt = scalar;
      } else if (NEGATIVE.contains(key) && negative == null) {
        negative = scalar;
      } else if (MODEL.contains(key) && model == null) {
        model = scalar;
      } else {
        parameters.put(key.equals("scale") || key.equals("cfg") || key.equals("guidance_scale") ? "cfg_scale" : key, scalar);
      }
    }
    if (prompt == null && model == null) {
      return null;
    }
    return new Generation(provider, model, prompt, negative, parameters, null, null);
  }
}
