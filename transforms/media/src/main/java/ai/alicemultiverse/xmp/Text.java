package ai.alicemultiverse.xmp;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** The normalisation rules shared by the value types, so JSON and XMP round trips are exact. */
final class Text {
  private Text() {}

  /** Empty text is stored as absent: XMP drops empty properties, so "" would not round trip. */
  static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** Values of lists (keywords, creators, tag values): trimmed, blanks dropped, first one kept. */
  static List<String> cleanValues(Collection<String> values) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    if (values != null) {
      for (String v : values) {
        if (v != null && !v.isBlank()) {
          out.add(v.trim());
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * A tag category as an XML local name: lower-case, every character outside [a-z0-9_] becomes
   * '_'. The result must start with a letter ([a-z][a-z0-9_]*), else IllegalArgumentException.
   */
  static String category(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("tag category is empty");
    }
    String lower = raw.trim().toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      sb.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
    }
    String name = sb.toString();
    if (name.charAt(0) < 'a' || name.charAt(0) > 'z') {
      throw new IllegalArgumentException("tag category must start with a letter: " + raw);
    }
    return name;
  }

  static void checkCost(Double cost) {
    if (cost != null && !Double.isFinite(cost)) {
      throw new IllegalArgumentException("cost must be finite: " + cost);
    }
  }
}
