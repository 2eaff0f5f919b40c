package ai.alicemultiverse.generators;

import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.xmp.AliceXmp;
import ai.alicemultiverse.xmp.Generation;
import ai.alicemultiverse.xmp.XmpFormatException;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.properties.XMPProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The descriptive fields hosted services write (XMP/IPTC, or PNG text chunks of the same meaning),
 * read as a generation when they name a generator:
 * <ul>
 *   <li>Midjourney: a description with {@code --ar} / {@code --v} / {@code Job ID:};
 *   <li>Adobe Firefly: xmp:CreatorTool (or the IPTC AI system) naming Adobe Firefly;
 *   <li>OpenAI DALL·E: "OpenAI" or "DALL·E" in the credit, creator tool, creator or AI system;
 *   <li>any other IPTC AI system used ({@code Iptc4xmpExt:AISystemUsed}) as the provider.
 * </ul>
 * Media marked as AI made ({@code Iptc4xmpExt:DigitalSourceType} trainedAlgorithmicMedia and
 * kin) by an unknown tool keeps its description raw in {@code parameters.raw_description}.
 */
public final class XmpGeneratorFields {
  public static final String FIREFLY = "adobe-firefly";
  public static final String OPENAI = "openai";

  static final String DC = "http://purl.org/dc/elements/1.1/";
  static final String XMP = "http://ns.adobe.com/xap/1.0/";
  static final String PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/";
  static final String IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";

  private static final Pattern DALL_E = Pattern.compile("dall[\\s·\\-‧.]?e(?:[\\s\\-]?(\\d))?", Pattern.CASE_INSENSITIVE);

  /** The fields, from XMP or from PNG text chunks; any may be null. */
  public record Fields(String description, String creatorTool, String credit, List<String> creators,
      String digitalSourceType, String aiSystem, String aiSystemVersion, String aiPrompt) {

    public Fields {
      creators = creators == null ? List.of() : List.copyOf(creators);
    }

    boolean mentions(String needle) {
      String n = needle.toLowerCase(Locale.ROOT);
      List<String> all = new ArrayList<>(creators);
      all.add(creatorTool);
      all.add(credit);
      all.add(aiSystem);
      return all.stream().anyMatch(v -> v != null && v.toLowerCase(Locale.ROOT).contains(n));
    }
  }

  private XmpGeneratorFields() {}

  /** Reads the fields from an XMP packet; a malformed packet gives none. */
  public static Fields fromXmp(XmpPacket packet) {
    if (packet == null) {
      return null;
    }
    try {
      XMPMeta meta = AliceXmp.parseSafely(packet.xml());
      List<String> creators = new ArrayList<>();
      int count = meta.doesPropertyExist(DC, "creator") ? meta.countArrayItems(DC, "creator") : 0;
      for (int i = 1; i <= count; i++) {
        XMPProperty item = meta.getArrayItem(DC, "creator", i);
        if (item != null && item.getValue() != null) {
          creators.add(item.getValue());
        }
      }
      XMPProperty description = meta.getLocalizedText(DC, "description", "", "x-default");
      return new Fields(
          description == null ? null : description.getValue(),
          meta.getPropertyString(XMP, "CreatorTool"),
          meta.getPropertyString(PHOTOSHOP, "Credit"),
          creators,
          meta.getPropertyString(IPTC_EXT, "DigitalSourceType"),
          meta.getPropertyString(IPTC_EXT, "AISystemUsed"),
          meta.getPropertyString(IPTC_EXT, "AISystemVersionUsed"),
          meta.getPropertyString(IPTC_EXT, "AIPromptInformation"));
    } catch (XmpFormatException | XMPException | RuntimeException e) {
      return null; // the codec already reports a malformed packet; there is nothing to import
    }
  }

  /** The generation the fields describe, or null when they name no generator. */
  public static Generation parse(Fields f) {
    if (f == null) {
      return null;
    }
    TreeMap<String, String> parameters = new TreeMap<>();
    putIf(parameters, "credit", f.credit());
    putIf(parameters, "digital_source_type", f.digitalSourceType());
    String prompt = f.aiPrompt() != null ? f.aiPrompt() : f.description();
    if (MidjourneyPrompt.looksLikeMidjourney(f.description()) || f.mentions("midjourney")) {
      Generation mj = f.description() == null
          ? new Generation(MidjourneyPrompt.PROVIDER, null, null, null, null, null, null)
          : MidjourneyPrompt.parse(f.description());
      TreeMap<String, String> merged = new TreeMap<>(parameters);
      merged.putAll(mj.parameters());
      if (!f.creators().isEmpty()) {
        merged.put("author", String.join(", ", f.creators()));
      }
      return new Generation(mj.provider(), mj.model(), mj.prompt(), mj.negativePrompt(), merged, null, null);
    }
    if (f.mentions("firefly")) {
      String model = f.aiSystem() != null && f.aiSystem().toLowerCase(Locale.ROOT).contains("firefly")
          ? join(f.aiSystem(), f.aiSystemVersion()) : f.creatorTool();
      return new Generation(FIREFLY, model, prompt, null, parameters, null, null);
    }
    if (f.mentions("openai") || f.mentions("dall-e") || f.mentions("dall·e") || f.mentions("chatgpt")) {
      return new Generation(OPENAI, dallEModel(f), prompt, null, parameters, null, null);
    }
    if (f.aiSystem() != null) {
      return new Generation(f.aiSystem().toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", "-"),
          f.aiSystemVersion(), prompt, null, parameters, null, null);
    }
    if (isAiMade(f.digitalSourceType())) {
      putIf(parameters, "raw_description", f.description());
      putIf(parameters, "creator_tool", f.creatorTool());
      return new Generation(null, null, f.aiPrompt(), null, parameters, null, null);
    }
    return null;
  }

  /** IPTC digital source types for media made by a generative model. */
  static boolean isAiMade(String digitalSourceType) {
    if (digitalSourceType == null) {
      return false;
    }
    String t = digitalSourceType.toLowerCase(Locale.ROOT);
    return t.endsWith("trainedalgorithmicmedia") || t.endsWith("compositesynthetic")
        || t.endsWith("algorithmicmedia") || t.endsWith("compositewithtrainedalgorithmicmedia");
  }

  private static String dallEModel(Fields f) {
    for (String v : new String[] {f.aiSystem(), f.creatorTool(), f.credit(), String.join(" ", f.creators())}) {
      if (v != null) {
        Matcher m = DALL_E.matcher(v);
        if (m.find()) {
          return m.group(1) == null ? "dall-e" : "dall-e-" + m.group(1);
        }
      }
    }
    return f.aiSystemVersion();
  }

  private static String join(String a, String b) {
    return b == null ? a : a + " " + b;
  }

  private static void putIf(TreeMap<String, String> map, String key, String value) {
    if (value != null && !value.isBlank()) {
      map.put(key, value.strip());
    }
  }
}
