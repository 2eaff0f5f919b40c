package ai.alicemultiverse.search;

/**
 * How many matching assets share one value.
 *
 * @param group {@code tag:<category>}, {@code media_type} or {@code provider}
 */
public record Facet(String group, String value, long count) {}
