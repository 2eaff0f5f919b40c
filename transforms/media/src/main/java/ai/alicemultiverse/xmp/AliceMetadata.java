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
 */
public final class AliceMetadata implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String contentHash;
  private final String description;
  private final List<String> keywords;
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

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.contentHash = contentHash;
    b.description = description;
    b.keywords = new ArrayList<>(keywords);
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
        && keywords.equals(m.keywords)
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
        keywords,
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
    private List<String> keywords = new ArrayList<>();
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
