package ai.alicemultiverse.xmp;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drops a namespace declaration that a start tag repeats with the same URI. ExifTool 12 (Debian's)
 * writes {@code xmlns:et} twice on one {@code rdf:Description} when a packet holds ExifTool's own
 * {@code et:} properties (as alice's do) and it adds {@code et:toolkit}: XML calls the tag malformed,
 * but the meaning is plain, and ExifTool reads it back. A repeat with another URI is left for the
 * parser to refuse. Hand-written: no XML parser accepts the repeat to begin with.
 */
final class RepeatedNamespaces {
  private static final Pattern START_TAG = Pattern.compile("<[A-Za-z_][^<>]*>");
  private static final Pattern DECLARATION =
      Pattern.compile("\\s+xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*(['\"])(.*?)\\2", Pattern.DOTALL);

  private RepeatedNamespaces() {}

  /** {@code xml} without repeated same-URI declarations, or {@code xml} itself when it has none. */
  static String dropRepeats(String xml) {
    Matcher tag = START_TAG.matcher(xml);
    StringBuilder out = null;
    int copied = 0;
    while (tag.find()) {
      String repaired = dropRepeatsInTag(tag.group());
      if (repaired != null) {
        out = out == null ? new StringBuilder(xml.length()) : out;
        out.append(xml, copied, tag.start()).append(repaired);
        copied = tag.end();
      }
    }
    return out == null ? xml : out.append(xml, copied, xml.length()).toString();
  }

  /** The tag without its repeated declarations, or null when it repeats none. */
  private static String dropRepeatsInTag(String tag) {
    Map<String, String> seen = new HashMap<>();
    Matcher declaration = DECLARATION.matcher(tag);
    StringBuilder out = null;
    int copied = 0;
    while (declaration.find()) {
      String prefix = declaration.group(1);
      String uri = declaration.group(3);
      String before = seen.putIfAbsent(prefix, uri);
      if (before != null && before.equals(uri)) {
        out = out == null ? new StringBuilder(tag.length()) : out;
        out.append(tag, copied, declaration.start());
        copied = declaration.end();
      }
    }
    return out == null ? null : out.append(tag, copied, tag.length()).toString();
  }
}
