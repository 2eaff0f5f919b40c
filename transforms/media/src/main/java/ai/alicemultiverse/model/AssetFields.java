package ai.alicemultiverse.model;

import ai.alicemultiverse.extract.Described;
import ai.alicemultiverse.extract.StandardMetadata;
import ai.alicemultiverse.xmp.AliceMetadata;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The cache's typed columns and tag rows of one asset, from its alice metadata and its standard values: the one
 * rule a rebuild's hand-off and an in-place update both follow, so both write the same row.
 *
 * <p>Tags: alice's own ({@code category:value}), then every keyword other tools wrote. A flat keyword (XMP
 * dc:subject beyond alice's tag values, IPTC Keywords) is {@code keyword:value}; a hierarchical one ({@code
 * mood|calm} in lr:hierarchicalSubject, {@code mood/calm} in digiKam:TagsList) is its root, lower-cased, as the
 * category and its leaf as the value, so it is found as {@code mood:calm} and as {@code calm}; a genre (ID3
 * TCON) is {@code genre:value}. A flat keyword that is already a tag value or a path's leaf is not repeated.
 *
 * @param description XMP dc:description, else the caption other tools wrote ({@link Described#caption}), else
 *     alice's understanding
 * @param descriptionSource where {@code description} came from: xmp, iptc, exif, media or alice
 * @param takenAt capture time, {@code yyyy-MM-ddTHH:mm:ss} without zone
 * @param tags {@code [category, value]} pairs, each once
 */
public record AssetFields(String description, String descriptionSource, String title, Integer rating, String label,
    String takenAt, Double latitude, Double longitude, List<String[]> tags) {
  /** The category of keywords that have none. */
  public static final String KEYWORD = "keyword";

  /** Both may be null. */
  public static AssetFields of(AliceMetadata m, StandardMetadata standard) {
    Described d = Described.of(standard == null ? null : standard.json());
    String description = m == null ? null : blankToNull(m.description());
    String source = description == null ? null : "xmp";
    if (description == null && d.caption() != null) {
      description = d.caption();
      source = d.captionSource();
    }
    if (description == null && m != null && blankToNull(m.understandingDescription()) != null) {
      description = m.understandingDescription();
      source = "alice";
    }
    return new AssetFields(description, source, d.title(), d.rating(), d.label(), d.takenAt(), d.latitude(),
        d.longitude(), tags(m, d));
  }

  private static List<String[]> tags(AliceMetadata m, Described d) {
    Set<List<String>> pairs = new LinkedHashSet<>();
    Set<String> taken = new HashSet<>();
    if (m != null) {
      for (Map.Entry<String, List<String>> category : m.tags().entrySet()) {
        for (String value : category.getValue()) {
          pairs.add(List.of(category.getKey(), value));
          taken.add(value);
        }
      }
    }
    for (List<String> path : d.paths()) {
      String leaf = path.get(path.size() - 1);
      pairs.add(List.of(path.size() == 1 ? KEYWORD : path.get(0).toLowerCase(Locale.ROOT), leaf));
      taken.add(leaf);
    }
    List<String> flat = new ArrayList<>(m == null ? List.of() : m.keywords());
    flat.addAll(d.keywords());
    for (String keyword : flat) {
      if (!taken.contains(keyword)) {
        pairs.add(List.of(KEYWORD, keyword));
      }
    }
    d.genres().forEach(genre -> pairs.add(List.of("genre", genre)));
    return pairs.stream().map(p -> p.toArray(String[]::new)).toList();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
