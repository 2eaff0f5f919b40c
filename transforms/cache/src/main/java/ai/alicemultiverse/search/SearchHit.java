package ai.alicemultiverse.search;

import java.time.Instant;

/**
 * One asset found by a search.
 *
 * @param bestLocation a local copy when there is one, else network, S3, GCS
 * @param score the text relevance (BM25, plus the phrase bonus), or null without --text
 */
public record SearchHit(
    String contentHash,
    String mediaType,
    String format,
    String mime,
    long sizeBytes,
    String description,
    String provider,
    String model,
    Instant generatedAt,
    Instant processedAt,
    int locationCount,
    String bestLocation,
    Double score) {

  SearchHit withScore(Double newScore) {
    return new SearchHit(contentHash, mediaType, format, mime, sizeBytes, description, provider, model, generatedAt,
        processedAt, locationCount, bestLocation, newScore);
  }

  /** The first 12 hex digits after {@code sha256:}, enough to tell assets apart by eye. */
  public String shortHash() {
    String hex = contentHash.startsWith("sha256:") ? contentHash.substring(7) : contentHash;
    return hex.length() <= 12 ? hex : hex.substring(0, 12);
  }
}
