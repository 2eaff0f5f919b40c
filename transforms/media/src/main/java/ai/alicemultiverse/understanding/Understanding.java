package ai.alicemultiverse.understanding;

import ai.alicemultiverse.xmp.AliceMetadata;
import ai.alicemultiverse.xmp.ProviderOutput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a provider said: tags by category, an optional description, and the provider output record
 * (raw text, model, cost) kept in {@code alice:understanding}.
 */
public record Understanding(SortedMap<String, List<String>> tags, String description, ProviderOutput output) {

  public Understanding {
    TreeMap<String, List<String>> copy = new TreeMap<>();
    if (tags != null) {
      tags.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    }
    tags = Collections.unmodifiableSortedMap(copy);
  }

  /**
   * Adds this understanding to {@code m}: tags are added (existing ones stay), the description is
   * set only where none exists, and an earlier output of the same provider and model is replaced
   * rather than piled up.
   */
  public AliceMetadata applyTo(AliceMetadata m) {
    AliceMetadata.Builder b = m.toBuilder();
    for (Map.Entry<String, List<String>> e : tags.entrySet()) {
      for (String value : e.getValue()) {
        try {
          b.addTag(e.getKey(), value);
        } catch (IllegalArgumentException badCategory) {
          b.addTag("other", value); // a provider's category we cannot store as an XMP name
        }
      }
    }
    if (m.understandingDescription() == null && description != null) {
      b.understandingDescription(description);
    }
    if (output != null) {
      List<ProviderOutput> outputs = new ArrayList<>();
      ProviderOutput latest = output;
      for (ProviderOutput p : m.providerOutputs()) {
        boolean same = Objects.equals(p.provider(), output.provider()) && Objects.equals(p.model(), output.model());
        if (!same) {
          outputs.add(p);
        } else if (Objects.equals(p.output(), output.output())) {
          latest = p; // the same answer again: keep the earlier record, so nothing changes in the file
        }
      }
      outputs.add(latest);
      b.providerOutputs(outputs);
    }
    return b.build();
  }
}
