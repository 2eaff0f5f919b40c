package ai.alicemultiverse.generators;

import ai.alicemultiverse.codec.Codecs;
import ai.alicemultiverse.codec.GeneratorTraces;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.xmp.Generation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads every generator trace a file carries and merges them into one generation record. Precedence
 * when two sources disagree: the web UI parameters, then the ComfyUI graph, then other JSON
 * generator text, then the descriptive XMP/IPTC fields, then PNG descriptive text.
 */
public final class GeneratorMetadata {
  public static final String C2PA_PARAMETER = "c2pa";

  /** PNG keywords generators use; their text is kept raw when no reader understands it. */
  static final Set<String> GENERATOR_KEYWORDS = Set.of("parameters", "prompt", "workflow", "Comment", "Dream",
      "sd-metadata", "invokeai_metadata", "invokeai_graph", "generation_data", "fooocus_scheme");

  private GeneratorMetadata() {}

  public static GeneratorImport read(MediaSource source, MediaFormat format, XmpPacket xmp) throws IOException {
    List<Generation> found = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    TreeMap<String, String> raw = new TreeMap<>();
    GeneratorTraces traces = Codecs.forFormat(format).generatorTraces(source);
    Generation png = null;
    if (!traces.texts().isEmpty()) {
      readPngText(traces, found, sources, raw);
      png = XmpGeneratorFields.parse(new XmpGeneratorFields.Fields(traces.text("Description"),
          traces.text("Software"), null, traces.text("Author") == null ? List.of() : List.of(traces.text("Author")),
          null, null, null, null));
    }
    String comment = traces.userComment();
    if (comment != null) {
      Generation web = A1111Parameters.parse(comment);
      if (web != null) {
        found.add(web);
        sources.add("exif:UserComment");
      } else if (looksGenerated(comment)) {
        raw.put("raw_user_comment", comment);
        sources.add("exif:UserComment");
      }
    }
    boolean c2pa = traces.c2pa();
    Generation fromXmp = XmpGeneratorFields.parse(XmpGeneratorFields.fromXmp(xmp));
    if (fromXmp != null) {
      found.add(fromXmp);
      sources.add("xmp");
    }
    if (png != null) {
      found.add(png);
      sources.add("png:Description");
    }
    if (c2pa) {
      sources.add("c2pa");
      raw.put(C2PA_PARAMETER, "present");
    }
    Generation merged = null;
    for (Generation g : found) {
      merged = GenerationMerge.merge(merged, g);
    }
    if (!raw.isEmpty()) {
      merged = GenerationMerge.merge(merged, new Generation(null, null, null, null, raw, null, null));
    }
    return new GeneratorImport(merged, c2pa, sources);
  }

  /** Text chunks are PNG's (no other container has them): their sources are named {@code png:<keyword>}. */
  private static void readPngText(GeneratorTraces texts, List<Generation> found, List<String> sources,
      TreeMap<String, String> raw) {
    String parameters = texts.text("parameters");
    Generation web = A1111Parameters.parse(parameters);
    if (web != null) {
      found.add(web);
      sources.add("png:parameters");
    }
    String prompt = texts.text("prompt");
    String workflow = texts.text("workflow");
    Generation comfy = prompt == null && workflow == null ? null : ComfyUiGraph.parse(prompt, workflow);
    if (comfy != null) {
      found.add(comfy);
      sources.add(prompt != null ? "png:prompt" : "png:workflow");
    }
    String software = texts.text("Software");
    if (software != null && software.toLowerCase(Locale.ROOT).contains("novelai")) {
      Generation nai = JsonGeneratorText.parse(texts.text("Comment"), "novelai");
      Generation base = new Generation("novelai", texts.text("Source"), texts.text("Description"), null, null, null, null);
      found.add(GenerationMerge.merge(base, nai));
      sources.add("png:Comment");
    }
    for (GeneratorTraces.Text t : texts.texts()) {
      boolean understood = (t.keyword().equals("parameters") && web != null)
          || ((t.keyword().equals("prompt") || t.keyword().equals("workflow")) && comfy != null)
          || (t.keyword().equals("Comment") && software != null && software.toLowerCase(Locale.ROOT).contains("novelai"));
      if (understood || !GENERATOR_KEYWORDS.contains(t.keyword()) || t.text().isBlank()) {
        continue;
      }
      String provider = t.keyword().startsWith("invokeai") || t.keyword().equals("sd-metadata")
          || t.keyword().equals("Dream") ? "invokeai" : t.keyword().startsWith("fooocus") ? "fooocus" : null;
      Generation json = JsonGeneratorText.parse(t.text(), provider);
      if (json != null) {
        found.add(json);
      }
      // unknown or only partly understood: the text itself is kept, nothing a generator wrote is lost
      raw.put("raw_" + A1111Parameters.name(t.keyword()), t.text());
      sources.add("png:" + t.keyword());
    }
  }

  /** EXIF comments are often camera boilerplate; keep only text that looks like generator output. */
  private static boolean looksGenerated(String comment) {
    String c = comment.toLowerCase(Locale.ROOT);
    return c.contains("prompt") || c.contains("steps:") || c.contains("seed") || c.startsWith("{");
  }
}
