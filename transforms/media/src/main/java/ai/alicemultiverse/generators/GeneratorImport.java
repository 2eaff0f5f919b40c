package ai.alicemultiverse.generators;

import ai.alicemultiverse.xmp.Generation;
import java.util.List;

/**
 * What a file says about how it was generated.
 *
 * @param generation the merged generation record (C2PA presence included as parameter
 *     {@code c2pa = present}), or null when the file names no generator
 * @param c2pa true when a C2PA manifest store is embedded
 * @param sources where the facts came from, e.g. {@code png:parameters}, {@code xmp}, {@code c2pa}
 */
public record GeneratorImport(Generation generation, boolean c2pa, List<String> sources) {
  public GeneratorImport {
    sources = List.copyOf(sources);
  }

  public static GeneratorImport none() {
    return new GeneratorImport(null, false, List.of());
  }
}
