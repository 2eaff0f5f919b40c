package ai.alicemultiverse.generators;

import ai.alicemultiverse.xmp.Generation;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * ComfyUI saves two JSON graphs in PNG text chunks: {@code prompt} (the API graph that ran: node id
 * to {@code {class_type, inputs}}, a link written as {@code [node id, output slot]}) and
 * {@code workflow} (the editor graph: {@code nodes} with {@code widgets_values}, {@code links} as
 * {@code [id, from node, from slot, to node, to slot, type]}). The prompt graph is preferred; the
 * workflow graph is the fallback when a tool kept only that one.
 *
 * <p>The positive prompt is the text of the CLIPTextEncode node feeding the sampler's
 * {@code positive} input (followed through conditioning nodes), the model is the checkpoint of
 * CheckpointLoaderSimple (or a UNET loader's file).
 */
public final class ComfyUiGraph {
  public static final String PROVIDER = "comfyui";
  private static final int MAX_HOPS = 32;

  private ComfyUiGraph() {}

  /** The generation in the two chunks (either may be null), or null when neither is a ComfyUI graph. */
  public static Generation parse(String promptJson, String workflowJson) {
    Generation fromPrompt = fromApiGraph(Json.tree(promptJson));
    if (fromPrompt != null && fromPrompt.prompt() != null) {
      return fromPrompt;
    }
    Generation fromWorkflow = fromWorkflow(Json.tree(workflowJson));
    return fromWorkflow != null ? fromWorkflow : fromPrompt;
  }

  // ---- API graph: {"3": {"class_type": "KSampler", "inputs": {...}}, ...}

  static Generation fromApiGraph(JsonNode graph) {
    if (graph == null || !graph.isObject() || !hasClassTypes(graph)) {
      return null;
    }
    TreeMap<String, String> parameters = new TreeMap<>();
    JsonNode sampler = firstNode(graph, "KSampler", "SamplerCustom");
    String positive = null;
    String negative = null;
    String model = null;
    if (sampler != null) {
      JsonNode in = sampler.path("inputs");
      positive = textBehind(graph, in.get("positive"), 0);
      negative = textBehind(graph, in.get("negative"), 0);
      model = modelBehind(graph, in.get("model"), 0);
      put(parameters, "seed", in.has("seed") ? in.get("seed") : in.get("noise_seed"));
      put(parameters, "steps", in.get("steps"));
      put(parameters, "cfg_scale", in.get("cfg"));
      put(parameters, "sampler", in.get("sampler_name"));
      put(parameters, "scheduler", in.get("scheduler"));
      put(parameters, "denoise", in.get("denoise"));
    }
    if (positive == null) {
      JsonNode encode = firstNode(graph, "CLIPTextEncode");
      positive = encode == null ? null : Json.scalar(encode.path("inputs").get("text"));
    }
    if (model == null) {
      JsonNode loader = firstNode(graph, "CheckpointLoader", "UNETLoader");
      model = loader == null ? null : modelName(loader.path("inputs"));
    }
    JsonNode latent = firstNode(graph, "EmptyLatentImage", "EmptySD3LatentImage");
    if (latent != null) {
      String w = Json.scalar(latent.path("inputs").get("width"));
      String h = Json.scalar(latent.path("inputs").get("height"));
      if (w != null && h != null) {
        parameters.put("size", w + "x" + h);
      }
    }
    return new Generation(PROVIDER, model, positive, negative, parameters, null, null);
  }

  private static boolean hasClassTypes(JsonNode graph) {
    for (JsonNode node : graph) {
      if (node.isObject() && node.path("class_type").isTextual()) {
        return true;
      }
    }
    return false;
  }

  /** The first node (lowest numeric id) whose class_type starts with one of {@code prefixes}. */
  private static JsonNode firstNode(JsonNode graph, String... prefixes) {
    JsonNode best = null;
    long bestId = Long.MAX_VALUE;
    for (Iterator<Map.Entry<String, JsonNode>> it = graph.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String type = e.getValue().path("class_type").asText("");
      for (String prefix : prefixes) {
        if (type.startsWith(prefix)) {
          long id = numericId(e.getKey());
          if (best == null || id < bestId) {
            best = e.getValue();
            bestId = id;
          }
        }
      }
    }
    return best;
  }

  private static long numericId(String id) {
    try {
      return Long.parseLong(id.replaceAll("[^0-9].*$", ""));
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE - 1;
    }
  }

  /** Follows a link {@code [id, slot]} back to the first text of a CLIPTextEncode node. */
  private static String textBehind(JsonNode graph, JsonNode link, int hops) {
    JsonNode node = linked(graph, link);
    if (node == null || hops > MAX_HOPS) {
      return null;
    }
    JsonNode in = node.path("inputs");
    if (node.path("class_type").asText("").startsWith("CLIPTextEncode")) {
      for (String field : new String[] {"text", "text_g", "text_l", "prompt"}) {
        JsonNode value = in.get(field);
        if (value != null && value.isTextual()) {
          return value.textValue();
        }
        if (value != null && value.isArray()) {
          return textBehind(graph, value, hops + 1); // text from a primitive / string node
        }
      }
    }
    for (String field : new String[] {"text", "string", "value", "conditioning", "conditioning_1", "conditioning_to"}) {
      JsonNode value = in.get(field);
      if (value != null && value.isTextual() && !field.startsWith("conditioning")) {
        return value.textValue();
      }
      if (value != null && value.isArray()) {
        String found = textBehind(graph, value, hops + 1);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** Follows the sampler's model input back through LoRA and patch nodes to a loader. */
  private static String modelBehind(JsonNode graph, JsonNode link, int hops) {
    JsonNode node = linked(graph, link);
    if (node == null || hops > MAX_HOPS) {
      return null;
    }
    String name = modelName(node.path("inputs"));
    return name != null ? name : modelBehind(graph, node.path("inputs").get("model"), hops + 1);
  }

  private static String modelName(JsonNode inputs) {
    for (String field : new String[] {"ckpt_name", "unet_name", "model_name"}) {
      JsonNode value = inputs.get(field);
      if (value != null && value.isTextual()) {
        return value.textValue();
      }
    }
    return null;
  }

  private static JsonNode linked(JsonNode graph, JsonNode link) {
    if (link == null || !link.isArray() || link.isEmpty()) {
      return null;
    }
    JsonNode node = graph.get(link.get(0).asText());
    return node != null && node.isObject() ? node : null;
  }

  private static void put(TreeMap<String, String> parameters, String name, JsonNode value) {
    String text = Json.scalar(value);
    if (text != null) {
      parameters.put(name, text);
    }
  }

  // ---- editor workflow: {"nodes": [{"id", "type", "inputs": [{"name","link"}], "widgets_values"}], "links": [...]}

  static Generation fromWorkflow(JsonNode workflow) {
    if (workflow == null || !workflow.path("nodes").isArray()) {
      return null;
    }
    Map<Long, JsonNode> nodes = new HashMap<>();
    for (JsonNode node : workflow.get("nodes")) {
      nodes.put(node.path("id").asLong(), node);
    }
    Map<Long, Long> linkOrigin = new HashMap<>();
    for (JsonNode link : workflow.path("links")) {
      if (link.isArray() && link.size() >= 2) {
        linkOrigin.put(link.get(0).asLong(), link.get(1).asLong());
      } else if (link.isObject()) {
        linkOrigin.put(link.path("id").asLong(), link.path("origin_id").asLong());
      }
    }
    TreeMap<String, String> parameters = new TreeMap<>();
    String positive = null;
    String negative = null;
    String model = null;
    JsonNode sampler = firstWorkflowNode(nodes, "KSampler");
    if (sampler != null) {
      positive = widgetText(origin(sampler, "positive", linkOrigin, nodes), "CLIPTextEncode");
      negative = widgetText(origin(sampler, "negative", linkOrigin, nodes), "CLIPTextEncode");
      JsonNode w = sampler.path("widgets_values");
      // KSampler widgets: seed, control_after_generate, steps, cfg, sampler_name, scheduler, denoise
      if (w.isArray() && w.size() >= 7 && sampler.path("type").asText().equals("KSampler")) {
        put(parameters, "seed", w.get(0));
        put(parameters, "steps", w.get(2));
        put(parameters, "cfg_scale", w.get(3));
        put(parameters, "sampler", w.get(4));
        put(parameters, "scheduler", w.get(5));
        put(parameters, "denoise", w.get(6));
      }
    }
    if (positive == null) {
      positive = widgetText(firstWorkflowNode(nodes, "CLIPTextEncode"), "CLIPTextEncode");
    }
    JsonNode loader = firstWorkflowNode(nodes, "CheckpointLoader");
    if (loader != null) {
      model = widgetText(loader, "CheckpointLoader");
    }
    JsonNode latent = firstWorkflowNode(nodes, "EmptyLatentImage");
    if (latent != null && latent.path("widgets_values").size() >= 2) {
      parameters.put("size", latent.get("widgets_values").get(0).asText() + "x"
          + latent.get("widgets_values").get(1).asText());
    }
    if (positive == null && model == null && parameters.isEmpty()) {
      return null;
    }
    return new Generation(PROVIDER, model, positive, negative, parameters, null, null);
  }

  private static JsonNode firstWorkflowNode(Map<Long, JsonNode> nodes, String typePrefix) {
    return nodes.entrySet().stream()
        .filter(e -> e.getValue().path("type").asText("").startsWith(typePrefix))
        .min(Map.Entry.comparingByKey())
        .map(Map.Entry::getValue)
        .orElse(null);
  }

  private static JsonNode origin(JsonNode node, String input, Map<Long, Long> linkOrigin, Map<Long, JsonNode> nodes) {
    for (JsonNode in : node.path("inputs")) {
      if (input.equals(in.path("name").asText()) && in.hasNonNull("link")) {
        Long from = linkOrigin.get(in.get("link").asLong());
        return from == null ? null : nodes.get(from);
      }
    }
    return null;
  }

  private static String widgetText(JsonNode node, String typePrefix) {
    if (node == null || !node.path("type").asText("").startsWith(typePrefix)) {
      return null;
    }
    JsonNode w = node.path("widgets_values");
    return w.isArray() && !w.isEmpty() && w.get(0).isTextual() ? w.get(0).textValue() : null;
  }
}
