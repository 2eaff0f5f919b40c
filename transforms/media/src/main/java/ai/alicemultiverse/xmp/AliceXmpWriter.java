package ai.alicemultiverse.xmp;

import static ai.alicemultiverse.xmp.AliceXmp.NS;
import static ai.alicemultiverse.xmp.AliceXmp.P;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.options.PropertyOptions;
import com.adobe.internal.xmp.properties.XMPProperty;
import java.util.List;
import java.util.Map;

/**
 * Sets the alice fields on an XMP tree in place. Each owned property is deleted and rebuilt from
 * {@link AliceMetadata} (so stale struct fields never linger); nothing else in the tree is touched.
 *
 * <p>Standard properties: dc:title and dc:description (x-default, other languages kept), dc:subject (keywords,
 * then every tag value), dc:creator, xmp:CreatorTool, xmp:Rating (an integer) and lr:hierarchicalSubject
 * (other tools' entries, then {@code category|value} per tag).
 *
 * <p>Layout (prefix alice = {@link AliceXmp#NS}):
 *
 * <pre>
 * alice:content_hash, alice:processed_at, alice:metadata_version     simple
 * alice:understanding   struct: alice:description, alice:generated_prompt,
 *                               alice:tags (struct: one bag per category, e.g. alice:style),
 *                               alice:provider_outputs (seq of struct: alice:provider,
 *                                 alice:model, alice:output, alice:cost, alice:at)
 * alice:generation      struct: alice:provider, alice:model, alice:prompt, alice:negative_prompt,
 *                               alice:parameters (seq of struct: alice:name, alice:value),
 *                               alice:cost, alice:generated_at
 * </pre>
 *
 * Parameters are name/value structs rather than struct fields because parameter names ("CFG
 * scale", "Size") are not XML names.
 *
 * <p>Beside alice:content_hash go ExifTool's {@code et:OriginalImageHash} (the hex digest) and
 * {@code et:OriginalImageHashType} ({@code SHA256}), the fields ExifTool itself stores an ImageDataHash
 * in: the content hash is that hash, so an ExifTool user can check a file with ExifTool alone. Without
 * a content hash they are left as they are (they may be another tool's).
 */
final class AliceXmpWriter {
  private AliceXmpWriter() {}

  // Fresh options each time: xmpcore may adjust the options objects it is given.
  private static PropertyOptions bag() {
    return new PropertyOptions().setArray(true);
  }

  private static PropertyOptions seq() {
    return new PropertyOptions().setArray(true).setArrayOrdered(true);
  }

  private static PropertyOptions struct() {
    return new PropertyOptions().setStruct(true);
  }

  static void apply(XMPMeta meta, AliceMetadata m) throws XMPException {
    writeStandard(meta, m);
    setSimple(meta, "content_hash", m.contentHash());
    writeExifToolHash(meta, m.contentHash());
    setSimple(meta, "processed_at", m.processedAt());
    setSimple(
        meta,
        "metadata_version",
        m.metadataVersion() == null ? null : m.metadataVersion().toString());
    writeUnderstanding(meta, m);
    writeGeneration(meta, m.generation());
  }

  private static void writeExifToolHash(XMPMeta meta, String contentHash) throws XMPException {
    if (contentHash == null || !contentHash.startsWith(SHA256_PREFIX)) {
      return;
    }
    meta.setProperty(AliceXmp.EXIFTOOL_NS, "OriginalImageHash", contentHash.substring(SHA256_PREFIX.length()));
    meta.setProperty(AliceXmp.EXIFTOOL_NS, "OriginalImageHashType", "SHA256");
  }

  private static final String SHA256_PREFIX = "sha256:";

  private static void writeStandard(XMPMeta meta, AliceMetadata m) throws XMPException {
    setLangAlt(meta, "description", m.description());
    setLangAlt(meta, "title", m.title());
    writeRating(meta, m.rating());
    setArray(meta, XMPConst.NS_DC, "subject", bag(), m.subject());
    setArray(meta, AliceXmp.LIGHTROOM_NS, AliceXmp.HIERARCHICAL_SUBJECT, bag(), m.hierarchicalSubject());
    setArray(meta, XMPConst.NS_DC, "creator", seq(), m.creators());
    if (m.creatorTool() == null) {
      meta.deleteProperty(XMPConst.NS_XMP, "CreatorTool");
    } else {
      meta.setProperty(XMPConst.NS_XMP, "CreatorTool", m.creatorTool());
    }
  }

  private static void setLangAlt(XMPMeta meta, String name, String value) throws XMPException {
    XMPProperty old = meta.getProperty(XMPConst.NS_DC, name);
    if (value == null || (old != null && !old.getOptions().isArrayAltText())) {
      // Absent, or in a form setLocalizedText refuses (a bag, a struct): start over.
      meta.deleteProperty(XMPConst.NS_DC, name);
    }
    if (value != null) {
      // Keeps translations other tools wrote; replaces the default text.
      meta.setLocalizedText(XMPConst.NS_DC, name, "", XMPConst.X_DEFAULT, value);
    }
  }

  /** An integer, as ExifTool and Lightroom write it; a value alice cannot read (2.5) is another tool's to keep. */
  private static void writeRating(XMPMeta meta, Integer rating) throws XMPException {
    if (rating != null) {
      meta.setProperty(XMPConst.NS_XMP, "Rating", Integer.toString(rating));
    } else if (AliceXmpReader.rating(meta) != null) {
      meta.deleteProperty(XMPConst.NS_XMP, "Rating");
    }
  }

  private static void writeUnderstanding(XMPMeta meta, AliceMetadata m) throws XMPException {
    meta.deleteProperty(NS, "understanding");
    boolean empty =
        m.tags().isEmpty()
            && m.understandingDescription() == null
            && m.generatedPrompt() == null
            && m.providerOutputs().isEmpty();
    if (empty) {
      return;
    }
    String u = "understanding";
    meta.setProperty(NS, u, null, struct());
    setField(meta, u, "description", m.understandingDescription());
    setField(meta, u, "generated_prompt", m.generatedPrompt());
    if (!m.tags().isEmpty()) {
      String tags = u + "/" + P + "tags";
      meta.setProperty(NS, tags, null, struct());
      for (Map.Entry<String, List<String>> e : m.tags().entrySet()) {
        setArray(meta, NS, tags + "/" + P + e.getKey(), bag(), e.getValue());
      }
    }
    if (!m.providerOutputs().isEmpty()) {
      String outputs = u + "/" + P + "provider_outputs";
      meta.setProperty(NS, outputs, null, seq());
      int i = 1;
      for (ProviderOutput p : m.providerOutputs()) {
        String item = outputs + "[" + i++ + "]";
        meta.appendArrayItem(NS, outputs, seq(), null, struct());
        setField(meta, item, "provider", p.provider());
        setField(meta, item, "model", p.model());
        setField(meta, item, "output", p.output());
        setField(meta, item, "cost", costText(p.cost()));
        setField(meta, item, "at", p.at());
      }
    }
  }

  private static void writeGeneration(XMPMeta meta, Generation g) throws XMPException {
    meta.deleteProperty(NS, "generation");
    if (g == null) {
      return;
    }
    String gen = "generation";
    meta.setProperty(NS, gen, null, struct());
    setField(meta, gen, "provider", g.provider());
    setField(meta, gen, "model", g.model());
    setField(meta, gen, "prompt", g.prompt());
    setField(meta, gen, "negative_prompt", g.negativePrompt());
    if (!g.parameters().isEmpty()) {
      String params = gen + "/" + P + "parameters";
      meta.setProperty(NS, params, null, seq());
      int i = 1;
      for (Map.Entry<String, String> e : g.parameters().entrySet()) {
        String item = params + "[" + i++ + "]";
        meta.appendArrayItem(NS, params, seq(), null, struct());
        setField(meta, item, "name", e.getKey());
        setField(meta, item, "value", e.getValue());
      }
    }
    setField(meta, gen, "cost", costText(g.cost()));
    setField(meta, gen, "generated_at", g.generatedAt());
  }

  /** Double.toString round trips exactly through Double.parseDouble. */
  static String costText(Double cost) {
    return cost == null ? null : Double.toString(cost);
  }

  private static void setSimple(XMPMeta meta, String name, String value) throws XMPException {
    if (value == null) {
      meta.deleteProperty(NS, name);
    } else {
      meta.setProperty(NS, name, value);
    }
  }

  private static void setField(XMPMeta meta, String structPath, String field, String value)
      throws XMPException {
    if (value != null) {
      meta.setStructField(NS, structPath, NS, field, value);
    }
  }

  private static void setArray(
      XMPMeta meta, String ns, String path, PropertyOptions form, List<String> values)
      throws XMPException {
    meta.deleteProperty(ns, path);
    for (String v : values) {
      meta.appendArrayItem(ns, path, form, v, null);
    }
  }
}
