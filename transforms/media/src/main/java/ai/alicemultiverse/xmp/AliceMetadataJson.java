package ai.alicemultiverse.xmp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON form of {@link AliceMetadata}: snake_case keys in a fixed order, nulls and empty
 * collections omitted. The tree is built by hand (not bound by reflection) so the key order and
 * names are part of this class, not of field order or annotations.
 */
final class AliceMetadataJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AliceMetadataJson() {}

  static String write(AliceMetadata m) {
    ObjectNode root = MAPPER.createObjectNode();
    put(root, "content_hash", m.contentHash());
    put(root, "description", m.description());
    put(root, "title", m.title());
    if (m.rating() != null) {
      root.put("rating", m.rating());
    }
    putList(root, "keywords", m.keywords());
    putList(root, "hierarchical_keywords", m.hierarchicalKeywords());
    putList(root, "creators", m.creators());
    put(root, "creator_tool", m.creatorTool());

    ObjectNode understanding = MAPPER.createObjectNode();
    if (!m.tags().isEmpty()) {
      ObjectNode tags = understanding.putObject("tags");
      m.tags().forEach((category, values) -> putList(tags, category, values));
    }
    put(understanding, "description", m.understandingDescription());
    put(understanding, "generated_prompt", m.generatedPrompt());
    if (!m.providerOutputs().isEmpty()) {
      ArrayNode outputs = understanding.putArray("provider_outputs");
      for (ProviderOutput p : m.providerOutputs()) {
        ObjectNode o = outputs.addObject();
        put(o, "provider", p.provider());
        put(o, "model", p.model());
        put(o, "output", p.output());
        put(o, "cost", p.cost());
        put(o, "at", p.at());
      }
    }
    if (!understanding.isEmpty()) {
      root.set("understanding", understanding);
    }

    Generation g = m.generation();
    if (g != null) {
      ObjectNode gen = root.putObject("generation");
      put(gen, "provider", g.provider());
      put(gen, "model", g.model());
      put(gen, "prompt", g.prompt());
      put(gen, "negative_prompt", g.negativePrompt());
      if (!g.parameters().isEmpty()) {
        ObjectNode params = gen.putObject("parameters");
        g.parameters().forEach(params::put);
      }
      put(gen, "cost", g.cost());
      put(gen, "generated_at", g.generatedAt());
    }
    put(root, "processed_at", m.processedAt());
    if (m.metadataVersion() != null) {
      root.put("metadata_version", m.metadataVersion());
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  static AliceMetadata read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("alice metadata JSON must be an object");
    }
    AliceMetadata.Builder b =
        AliceMetadata.builder()
            .contentHash(text(root, "content_hash"))
            .description(text(root, "description"))
            .title(text(root, "title"))
            .rating(integer(root, "rating"))
            .keywords(list(root, "keywords"))
            .hierarchicalKeywords(list(root, "hierarchical_keywords"))
            .creators(list(root, "creators"))
            .creatorTool(text(root, "creator_tool"))
            .processedAt(text(root, "processed_at"))
            .metadataVersion(integer(root, "metadata_version"));

    JsonNode u = object(root, "understanding");
    if (u != null) {
      JsonNode tags = object(u, "tags");
      if (tags != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          for (String v : list(tags, e.getKey())) {
            b.addTag(e.getKey(), v);
          }
        }
      }
      b.understandingDescription(text(u, "description"));
      b.generatedPrompt(text(u, "generated_prompt"));
      JsonNode outputs = u.get("provider_outputs");
      if (outputs != null && !outputs.isNull()) {
        if (!outputs.isArray()) {
          throw new IllegalArgumentException("provider_outputs must be an array");
        }
        for (JsonNode o : outputs) {
          if (!o.isObject()) {
            throw new IllegalArgumentException("provider_outputs items must be objects");
          }
          b.addProviderOutput(
              new ProviderOutput(
                  text(o, "provider"),
                  text(o, "model"),
                  text(o, "output"),
                  number(o, "cost"),
                  text(o, "at")));
        }
      }
    }

    JsonNode g = object(root, "generation");
    if (g != null) {
      TreeMap<String, String> params = new TreeMap<>();
      JsonNode p = object(g, "parameters");
      if (p != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          params.put(e.getKey(), text(p, e.getKey()));
        }
      }
      b.generation(
          new Generation(
              text(g, "provider"),
              text(g, "model"),
              text(g, "prompt"),
              text(g, "negative_prompt"),
              params,
              number(g, "cost"),
              text(g, "generated_at")));
    }
    return b.build();
  }

  private static void put(ObjectNode node, String key, String value) {
    if (value != null) {
      node.put(key, value);
    }
  }

  private static void put(ObjectNode node, String key, Double value) {
    if (value != null) {
      node.put(key, value.doubleValue());
    }
  }

  private static void putList(ObjectNode node, String key, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = node.putArray(key);
      values.forEach(array::add);
    }
  }

  private static String text(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(key + " must be a string");
    }
    return v.textValue();
  }

  private static Double number(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException(key + " must be a number");
    }
    return v.doubleValue();
  }

  private static Integer integer(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException(key + " must be a 32-bit integer");
    }
    return v.intValue();
  }

  private static List<String> list(JsonNode node, String key) {
    JsonNode v = node.get(key);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw new IllegalArgumentException(key + " must be an array of strings");
    }
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw new IllegalArgumentException(key + " must be an array of strings");
      }
      out.add(item.textValue());
    }
    return out;
  }

  private static JsonNode object(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw new IllegalArgumentException(key + " must be an object");
    }
    return v;
  }
}
