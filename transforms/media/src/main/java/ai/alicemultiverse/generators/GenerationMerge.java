package ai.alicemultiverse.generators;

import ai.alicemultiverse.xmp.Generation;
import java.util.TreeMap;

/** Merges two generation records field by field; the first one's values win. */
public final class GenerationMerge {
  private GenerationMerge() {}

  /**
   * {@code first}'s fields where set, {@code second}'s elsewhere; parameters are the union with
   * {@code first}'s values winning. Either may be null; the result is null when both are.
   */
  public static Generation merge(Generation first, Generation second) {
    if (first == null) {
      return second;
    }
    if (second == null) {
      return first;
    }
    TreeMap<String, String> parameters = new TreeMap<>(second.parameters());
    parameters.putAll(first.parameters());
    return new Generation(
        or(first.provider(), second.provider()),
        or(first.model(), second.model()),
        or(first.prompt(), second.prompt()),
        or(first.negativePrompt(), second.negativePrompt()),
        parameters,
        first.cost() != null ? first.cost() : second.cost(),
        or(first.generatedAt(), second.generatedAt()));
  }

  private static String or(String a, String b) {
    return a != null ? a : b;
  }
}
