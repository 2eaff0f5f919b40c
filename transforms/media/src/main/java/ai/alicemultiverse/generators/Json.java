package ai.alicemultiverse.generators;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One shared, bounded JSON reader for generator text (untrusted input from files). */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(200).maxStringLength(8 << 20).build());
  }

  private Json() {}

  /** The parsed tree, or null when {@code text} is not JSON. */
  static JsonNode tree(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** A scalar as text (numbers without a trailing .0 for integers), or null for objects/arrays/null. */
  static String scalar(JsonNode node) {
    if (node == null || node.isNull() || node.isContainerNode()) {
      return null;
    }
    return node.asText();
  }
}
