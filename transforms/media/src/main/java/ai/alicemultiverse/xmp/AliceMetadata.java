package ai.alicemultiverse.xmp;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The alice metadata of one media file: the standard Dublin Core / XMP basics plus the alice
 * understanding (tags by category, descriptions, provider outputs) and generation record.
 *
 * <p>Immutable; build with {@link #builder()} or {@link #toBuilder()}. Values are normalised on
 * build so that XMP and JSON round trips are exact: empty text is null, list values are trimmed,
 * blank ones dropped and duplicates removed (first kept), tag categories follow {@code
 * [a-z][a-z0-9_]*}, empty categories, empty provider outputs and an empty generation are dropped.
 *
 * <p>dc:subject holds the keywords followed by every tag value, so {@link #keywords()} never
 * repeats a tag value: build() drops a keyword that is also a tag value (it is still in
 * dc:subject through the tag, and removing the tag then removes it from dc:subject too).
 *
 * <p>lr:hierarchicalSubject (Lightroom's and digiKam's keyword tree) holds the other tools' entries
 * followed by one {@code category|value} entry per tag, in the same way: {@link #hierarchicalKeywords()}
 * never holds a tag's entry, so removing the tag removes its entry too.
 */
public final class AliceMetadata implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String contentHash;
  private final String description;
  private final String title;
  private final Integer rating;
  private final List<String> keywords;
  private final List<String> hierarchicalKeywords;
  private final List<String> creators;
  private final String creatorTool;
  private final SortedMap<String, List<String>> tags;
  private final String understandingDescription;
  private final String generatedPrompt;
  private final List<ProviderOutput> providerOutputs;
  private final Generation generation;
  private final String processedAt;
  private final Integer metadataVersion;

  private AliceMetadata(Builder b) {
    TreeMap<String, List<String>> cleanTags = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : b.tags.entrySet()) {
      List<String> values = Text.cleanValues(e.getValue());
      if (!values.isEmpty()) {
        cleanTags.put(e.getKey(), values);
      }
    }
    this.tags = Collections.unmodifiableSortedMap(cleanTags);
    LinkedHashSet<String> tagValues = new LinkedHashSet<>();
    cleanTags.values().forEach(tagValues::addAll);
    List<String> kw = new ArrayList<>(Text.cleanValues(b.keywords));
    kw.removeAll(tagValues);
    this.keywords = List.copyOf(kw);
    List<String> hierarchy = new ArrayList<>(Text.cleanValues(b.hierarchicalKeywords));
    hierarchy.removeAll(tagPaths(cleanTags));
    this.hierarchicalKeywords = List.copyOf(hierarchy);
    this.title = Text.emptyToNull(b.title);
    if (b.rating != null && !isRating(b.rating)) {
      throw new IllegalArgumentException("rating must be -1 (rejected) or 0 to 5, not " + b.rating);
    }
    this.rating = b.rating;
    this.contentHash = Text.emptyToNull(b.contentHash);
    this.description = Text.emptyToNull(b.description);
    this.creators = Text.cleanValues(b.creators);
    this.creatorTool = Text.emptyToNull(b.creatorTool);
    this.understandingDescription = Text.emptyToNull(b.understandingDescription);
    this.generatedPrompt = Text.emptyToNull(b.generatedPrompt);
    this.providerOutputs =
        b.providerOutputs.stream().filter(p -> p != null && !p.isEmpty()).toList();
    this.generation = b.generation == null || b.generation.isEmpty() ? null : b.generation;
    this.processedAt = Text.emptyToNull(b.processedAt);
    this.metadataVersion = b.metadataVersion;
  }

  /** The values xmp:Rating may hold: -1 (rejected), 0 (no rating) to 5 stars. */
  public static boolean isRating(int rating) {
    return rating >= MIN_RATING && rating <= MAX_RATING;
  }

  public static final int MIN_RATING = -1;
  public static final int MAX_RATING = 5;

  /** The separator of lr:hierarchicalSubject levels. */
  public static final String HIERARCHY_SEPARATOR = "|";

  private static List<String> tagPaths(Map<String, List<String>> tags) {
    LinkedHashSet<String> paths = new LinkedHashSet<>();
    tags.forEach((category, values) -> values.forEach(v -> paths.add(category + HIERARCHY_SEPARATOR + v)));
    return List.copyOf(paths);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.contentHash = contentHash;
    b.description = description;
    b.title = title;
    b.rating = rating;
    b.keywords = new ArrayList<>(keywords);
    b.hierarchicalKeywords = new ArrayList<>(hierarchicalKeywords);
    b.creators = new ArrayList<>(creators);
    b.creatorTool = creatorTool;
    tags.forEach((k, v) -> b.tags.put(k, new ArrayList<>(v)));
    b.understandingDescription = understandingDescription;
    b.generatedPrompt = generatedPrompt;
    b.providerOutputs = new ArrayList<>(providerOutputs);
    b.generation = generation;
    b.processedAt = processedAt;
    b.metadataVersion = metadataVersion;
    return b;
  }

  /** "sha256:&lt;hex&gt;" of the media payload, or null. */
  public String contentHash() {
    return contentHash;
  }

  /** dc:description, x-default. */
  public String description() {
    return description;
  }

  /** dc:title, x-default. */
  public String title() {
    return title;
  }

  /** xmp:Rating: -1 (rejected), 0 (no rating) to 5, or null when the file has none. */
  public Integer rating() {
    return rating;
  }

  /** Other tools' lr:hierarchicalSubject entries (levels separated by '|'), less the tags' entries. */
  public List<String> hierarchicalKeywords() {
    return hierarchicalKeywords;
  }

  /** What lr:hierarchicalSubject holds: {@link #hierarchicalKeywords()}, then {@code category|value} per tag. */
  public List<String> hierarchicalSubject() {
    LinkedHashSet<String> all = new LinkedHashSet<>(hierarchicalKeywords);
    all.addAll(tagPaths(tags));
    return List.copyOf(all);
  }

  /** Free keywords (dc:subject less the tag values), in order. */
  public List<String> keywords() {
    return keywords;
  }

  /** dc:creator, in order. */
  public List<String> creators() {
    return creators;
  }

  /** xmp:CreatorTool. */
  public String creatorTool() {
    return creatorTool;
  }

  /** Understanding tags: category to values, categories sorted, values in order. */
  public SortedMap<String, List<String>> tags() {
    return tags;
  }

  public String understandingDescription() {
    return understandingDescription;
  }

  public String generatedPrompt() {
    return generatedPrompt;
  }

  public List<ProviderOutput> providerOutputs() {
    return providerOutputs;
  }

  /** How the media was generated, or null. */
  public Generation generation() {
    return generation;
  }

  /** When alice last processed the file, ISO-8601. */
  public String processedAt() {
    return processedAt;
  }

  public Integer metadataVersion() {
    return metadataVersion;
  }

  /** Every tag value, categories in order, duplicates across categories removed. */
  public List<String> allTagValues() {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    tags.values().forEach(all::addAll);
    return List.copyOf(all);
  }

  /** The keywords followed by all tag values, de-duplicated: what dc:subject holds. */
  public List<String> subject() {
    LinkedHashSet<String> all = new LinkedHashSet<>(keywords);
    all.addAll(allTagValues());
    return List.copyOf(all);
  }

  /** A copy with {@code value} added to {@code category} (normalised; a no-op if present). */
  public AliceMetadata withTag(String category, String value) {
    return toBuilder().addTag(category, value).build();
  }

  /** A copy without {@code value} in {@code category}; the category goes when it empties. */
  public AliceMetadata withoutTag(String category, String value) {
    return toBuilder().removeTag(category, value).build();
  }

  public String toJson() {
    return AliceMetadataJson.write(this);
  }

  /** Parses what {@link #toJson()} wrote; unknown keys are ignored. */
  public static AliceMetadata fromJson(String json) {
    return AliceMetadataJson.read(json);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof AliceMetadata m)) {
      return false;
    }
    return Objects.equals(contentHash, m.contentHash)
        && Objects.equals(description, m.description)
        && Objects.equals(title, m.title)
        && Objects.equals(rating, m.rating)
        && keywords.equals(m.keywords)
        && hierarchicalKeywords.equals(m.hierarchicalKeywords)
        && creators.equals(m.creators)
        && Objects.equals(creatorTool, m.creatorTool)
        && tags.equals(m.tags)
        && Objects.equals(understandingDescription, m.understandingDescription)
        && Objects.equals(generatedPrompt, m.generatedPrompt)
        && providerOutputs.equals(m.providerOutputs)
        && Objects.equals(generation, m.generation)
        && Objects.equals(processedAt, m.processedAt)
        && Objects.equals(metadataVersion, m.metadataVersion);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        contentHash,
        description,
        title,
        rating,
        keywords,
        hierarchicalKeywords,
        creators,
        creatorTool,
        tags,
        understandingDescription,
        generatedPrompt,
        providerOutputs,
        generation,
        processedAt,
        metadataVersion);
  }

  @Override
  public String toString() {
    return "AliceMetadata" + toJson();
  }

  /** Mutable builder; values are normalised by {@link #build()}. */
  public static final class Builder {
    private String contentHash;
    private String description;
    private String title;
    private Integer rating;
    private List<String> keywords = new ArrayList<>();
    private List<String> hierarchicalKeywords = new ArrayList<>();
    private List<String> creators = new ArrayList<>();
    private String creatorTool;
    private final TreeMap<String, List<String>> tags = new TreeMap<>();
    private String understandingDescription;
    private String generatedPrompt;
    private List<ProviderOutput> providerOutputs = new ArrayList<>();
    private Generation generation;
    private String processedAt;
    private Integer metadataVersion;

    private Builder() {}

    public Builder contentHash(String contentHash) {
      this.contentHash = contentHash;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /** -1 (rejected) or 0 to 5; build() refuses any other value. */
    public Builder rating(Integer rating) {
      this.rating = rating;
      return this;
    }

    public Builder hierarchicalKeywords(Collection<String> hierarchicalKeywords) {
      this.hierarchicalKeywords = new ArrayList<>(hierarchicalKeywords == null ? List.of() : hierarchicalKeywords);
      return this;
    }

    public Builder keywords(Collection<String> keywords) {
      this.keywords = new ArrayList<>(keywords == null ? List.of() : keywords);
      return this;
    }

    public Builder addKeyword(String keyword) {
      this.keywords.add(keyword);
      return this;
    }

    public Builder creators(Collection<String> creators) {
      this.creators = new ArrayList<>(creators == null ? List.of() : creators);
      return this;
    }

    public Builder creatorTool(String creatorTool) {
      this.creatorTool = creatorTool;
      return this;
    }

    /** Replaces all tags; categories are normalised (see class doc), equal ones merged. */
    public Builder tags(Map<String, ? extends Collection<String>> tags) {
      this.tags.clear();
      if (tags != null) {
        tags.forEach(
            (category, values) -> {
              if (values != null) {
                values.forEach(v -> addTag(category, v));
              }
            });
      }
      return this;
    }

    public Builder addTag(String category, String value) {
      List<String> values = tags.computeIfAbsent(Text.category(category), k -> new ArrayList<>());
      if (value != null && !value.isBlank() && !values.contains(value.trim())) {
        values.add(value.trim());
      }
      return this;
    }

    public Builder removeTag(String category, String value) {
      String key = Text.category(category);
      List<String> values = tags.get(key);
      if (values != null && value != null) {
        values.remove(value.trim());
        if (values.isEmpty()) {
          tags.remove(key);
        }
      }
      return this;
    }

    public Builder understandingDescription(String understandingDescription) {
      this.understandingDescription = understandingDescription;
      return this;
    }

    public Builder generatedPrompt(String generatedPrompt) {
      this.generatedPrompt = generatedPrompt;
      return this;
    }

    public Builder providerOutputs(Collection<ProviderOutput> providerOutputs) {
      this.providerOutputs =
          new ArrayList<>(providerOutputs == null ? List.of() : providerOutputs);
      return this;
    }

    public Builder addProviderOutput(ProviderOutput providerOutput) {
      this.providerOutputs.add(providerOutput);
      return this;
    }

    public Builder generation(Generation generation) {
      this.generation = generation;
      return this;
    }

    public Builder processedAt(String processedAt) {
      this.processedAt = processedAt;
      return this;
    }

    public Builder metadataVersion(Integer metadataVersion) {
      this.metadataVersion = metadataVersion;
      return this;
    }

    public AliceMetadata build() {
      return new AliceMetadata(this);
    }
  }
}
