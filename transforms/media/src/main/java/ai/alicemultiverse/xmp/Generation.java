package ai.alicemultiverse.xmp;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How the media was generated.
 *
 * @param provider the generating service (e.g. "midjourney"), or null
 * @param model the model name, or null
 * @param prompt the prompt, or null
 * @param negativePrompt the negative prompt, or null
 * @param parameters every other generation parameter by name (never null, sorted by name)
 * @param cost what the generation cost in USD, or null when unknown; finite when set
 * @param generatedAt when it was generated, ISO-8601, or null
 */
public record Generation(
    String provider,
    String model,
    String prompt,
    String negativePrompt,
    SortedMap<String, String> parameters,
    Double cost,
    String generatedAt)
    implements Serializable {

  public Generation {
    provider = Text.emptyToNull(provider);
    model = Text.emptyToNull(model);
    prompt = Text.emptyToNull(prompt);
    negativePrompt = Text.emptyToNull(negativePrompt);
    generatedAt = Text.emptyToNull(generatedAt);
    Text.checkCost(cost);
    TreeMap<String, String> copy = new TreeMap<>();
    if (parameters != null) {
      for (Map.Entry<String, String> e : parameters.entrySet()) {
        String name = Text.emptyToNull(e.getKey());
        String value = Text.emptyToNull(e.getValue());
        // An empty name or value cannot be told apart from a missing one once in XMP.
        if (name != null && value != null) {
          copy.put(name, value);
        }
      }
    }
    parameters = Collections.unmodifiableSortedMap(copy);
  }

  /** True when no field is set; an empty generation is stored as no generation. */
  public boolean isEmpty() {
    return provider == null
        && model == null
        && prompt == null
        && negativePrompt == null
        && parameters.isEmpty()
        && cost == null
        && generatedAt == null;
  }
}
