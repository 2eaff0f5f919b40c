package ai.alicemultiverse.search;

import java.util.Locale;

/**
 * One tag to match: {@code value} in any category, or {@code category:value}. Both match case-
 * and accent-insensitively.
 *
 * @param category the category (lower case), or null for any category
 * @param value the tag value
 */
public record TagFilter(String category, String value) {
  public TagFilter {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a tag to search for needs a value, e.g. cyberpunk or style:cyberpunk");
    }
    value = value.trim();
    category = category == null || category.isBlank() ? null : category.trim().toLowerCase(Locale.ROOT);
  }

  /** {@code VALUE} or {@code CATEGORY:VALUE}; a value may itself contain ':' after the first one. */
  public static TagFilter parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      return new TagFilter(null, text);
    }
    if (colon == text.length() - 1) {
      throw new IllegalArgumentException("tag '" + text + "' has no value after ':'");
    }
    return new TagFilter(text.substring(0, colon), text.substring(colon + 1));
  }

  @Override
  public String toString() {
    return category == null ? value : category + ":" + value;
  }
}
