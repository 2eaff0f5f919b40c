package ai.alicemultiverse.xmp;

import static ai.alicemultiverse.xmp.AliceXmp.NS;
import static ai.alicemultiverse.xmp.AliceXmp.P;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPIterator;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.options.IteratorOptions;
import com.adobe.internal.xmp.properties.XMPProperty;
import com.adobe.internal.xmp.properties.XMPPropertyInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Builds {@link AliceMetadata} from an XMP tree (layout in {@link AliceXmpWriter}). Packets come
 * from any tool, so every property is checked for the expected form first: a property of another
 * form (an array where a text is expected, a number that does not parse) reads as absent rather
 * than failing the file.
 */
final class AliceXmpReader {
  private AliceXmpReader() {}

  static AliceMetadata read(XMPMeta meta) throws XmpFormatException {
    try {
      return readTree(meta);
    } catch (XMPException e) {
      throw new XmpFormatException("unreadable XMP: " + AliceXmp.reason(e), e);
    }
  }

  private static AliceMetadata readTree(XMPMeta meta) throws XMPException {
    AliceMetadata.Builder b =
        AliceMetadata.builder()
            .description(langAlt(meta, "description"))
            .title(langAlt(meta, "title"))
            .rating(rating(meta))
            // build() takes the tag values back out of the keywords and the tags' entries out of the hierarchy.
            .keywords(texts(meta, XMPConst.NS_DC, "subject"))
            .hierarchicalKeywords(texts(meta, AliceXmp.LIGHTROOM_NS, AliceXmp.HIERARCHICAL_SUBJECT))
            .creators(texts(meta, XMPConst.NS_DC, "creator"))
            .creatorTool(simple(meta.getProperty(XMPConst.NS_XMP, "CreatorTool")))
            .contentHash(simple(meta.getProperty(NS, "content_hash")))
            .processedAt(simple(meta.getProperty(NS, "processed_at")))
            .metadataVersion(integer(simple(meta.getProperty(NS, "metadata_version"))));

    String u = "understanding";
    if (isStruct(meta, u)) {
      b.understandingDescription(field(meta, u, "description"));
      b.generatedPrompt(field(meta, u, "generated_prompt"));
      String tags = u + "/" + P + "tags";
      if (isStruct(meta, tags)) {
        for (String category : childNames(meta, tags)) {
          for (String v : texts(meta, NS, tags + "/" + P + category)) {
            b.addTag(category, v);
          }
        }
      }
      String outputs = u + "/" + P + "provider_outputs";
      for (String item : structItems(meta, outputs)) {
        b.addProviderOutput(
            new ProviderOutput(
                field(meta, item, "provider"),
                field(meta, item, "model"),
                field(meta, item, "output"),
                cost(field(meta, item, "cost")),
                field(meta, item, "at")));
      }
    }

    String gen = "generation";
    if (isStruct(meta, gen)) {
      TreeMap<String, String> params = new TreeMap<>();
      for (String item : structItems(meta, gen + "/" + P + "parameters")) {
        String name = field(meta, item, "name");
        String value = field(meta, item, "value");
        if (name != null && value != null) {
          params.put(name, value);
        }
      }
      b.generation(
          new Generation(
              field(meta, gen, "provider"),
              field(meta, gen, "model"),
              field(meta, gen, "prompt"),
              field(meta, gen, "negative_prompt"),
              params,
              cost(field(meta, gen, "cost")),
              field(meta, gen, "generated_at")));
    }
    return b.build();
  }

  /**
   * xmp:Rating when it is one of the values alice writes (-1 to 5, "3.0" reads as 3); another value (2.5, 7,
   * text) reads as absent, and {@link AliceXmpWriter} then leaves it in the file as it is.
   */
  static Integer rating(XMPMeta meta) throws XMPException {
    String text = simple(meta.getProperty(XMPConst.NS_XMP, "Rating"));
    if (text == null) {
      return null;
    }
    try {
      double value = Double.parseDouble(text.trim());
      return value == Math.rint(value) && AliceMetadata.isRating((int) value) ? (int) value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A dc language alternative (description, title): the x-default item, else the first item, else a plain text. */
  private static String langAlt(XMPMeta meta, String name) throws XMPException {
    XMPProperty p = meta.getProperty(XMPConst.NS_DC, name);
    if (p == null) {
      return null;
    }
    if (!p.getOptions().isArray()) {
      return simple(p);
    }
    if (p.getOptions().isArrayAltText()) {
      XMPProperty x = meta.getLocalizedText(XMPConst.NS_DC, name, "", XMPConst.X_DEFAULT);
      if (x != null && x.getValue() != null) {
        return x.getValue();
      }
    }
    return meta.countArrayItems(XMPConst.NS_DC, name) > 0
        ? simple(meta.getArrayItem(XMPConst.NS_DC, name, 1))
        : null;
  }

  /** The text items of an array (bag, seq or alt), or the value of a plain text property. */
  private static List<String> texts(XMPMeta meta, String ns, String path) throws XMPException {
    List<String> out = new ArrayList<>();
    XMPProperty p = meta.getProperty(ns, path);
    if (p == null) {
      return out;
    }
    if (!p.getOptions().isArray()) {
      String v = simple(p);
      if (v != null) {
        out.add(v);
      }
      return out;
    }
    int n = meta.countArrayItems(ns, path);
    for (int i = 1; i <= n; i++) {
      String v = simple(meta.getArrayItem(ns, path, i));
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  /** Paths of the struct items of an alice array; items of another form are skipped. */
  private static List<String> structItems(XMPMeta meta, String path) throws XMPException {
    List<String> items = new ArrayList<>();
    XMPProperty p = meta.getProperty(NS, path);
    if (p == null || !p.getOptions().isArray()) {
      return items;
    }
    int n = meta.countArrayItems(NS, path);
    for (int i = 1; i <= n; i++) {
      String item = path + "[" + i + "]";
      if (isStruct(meta, item)) {
        items.add(item);
      }
    }
    return items;
  }

  /** Local names of the alice-namespace children of a struct, in tree order. */
  private static List<String> childNames(XMPMeta meta, String path) throws XMPException {
    List<String> names = new ArrayList<>();
    IteratorOptions options = new IteratorOptions().setJustChildren(true).setOmitQualifiers(true);
    XMPIterator it = meta.iterator(NS, path, options);
    while (it.hasNext()) {
      XMPPropertyInfo info = (XMPPropertyInfo) it.next();
      if (NS.equals(info.getNamespace()) && info.getPath() != null) {
        String step = info.getPath().substring(info.getPath().lastIndexOf('/') + 1);
        names.add(step.substring(step.indexOf(':') + 1));
      }
    }
    return names;
  }

  private static boolean isStruct(XMPMeta meta, String path) throws XMPException {
    XMPProperty p = meta.getProperty(NS, path);
    return p != null && p.getOptions().isStruct();
  }

  private static String field(XMPMeta meta, String structPath, String name) throws XMPException {
    return simple(meta.getStructField(NS, structPath, NS, name));
  }

  private static String simple(XMPProperty p) {
    return p == null || p.getOptions().isCompositeProperty() ? null : p.getValue();
  }

  private static Integer integer(String s) {
    try {
      return s == null ? null : Integer.valueOf(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Double cost(String s) {
    try {
      Double d = s == null ? null : Double.valueOf(s.trim());
      return d != null && Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
