package ai.alicemultiverse.search;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Everything a search can ask for. All filters combine with AND; an unset filter (null, empty
 * list) does not restrict.
 *
 * @param tags tags that must match (all of them, or any with {@code anyTag})
 * @param anyTag match assets with any of {@code tags} instead of all
 * @param notTags tags that must not be on the asset
 * @param text words ranked with BM25 over description, prompts, title and tags; null for none
 * @param mediaType image, video or audio
 * @param mime an exact MIME type such as image/png
 * @param provider the generating service, case-insensitive
 * @param model the model name, case-insensitive
 * @param minSize smallest size in bytes (inclusive)
 * @param maxSize largest size in bytes (inclusive)
 * @param minWidth narrowest width in pixels (inclusive); media without a width do not match
 * @param minHeight lowest height in pixels (inclusive); media without a height do not match
 * @param minDuration shortest duration in seconds (inclusive); media without a duration do not match
 * @param maxDuration longest duration in seconds (inclusive); media without a duration do not match
 * @param since earliest generated_at (processed_at when never generated), inclusive
 * @param until latest generated_at (processed_at when never generated), exclusive
 * @param minRating lowest rating (xmp:Rating, -1 to 5), inclusive; media without a rating do not match
 * @param takenSince earliest capture time (the file's own clock, without zone), inclusive
 * @param takenUntil latest capture time, exclusive
 * @param near within a distance of a point; media without a GPS position do not match
 * @param locationPrefix at least one location is this path or lies below it by whole segments
 * @param storage at least one location is on this storage (local, network, s3, gcs)
 * @param sort result order; null for relevance (with text) or newest first
 * @param limit page size
 * @param offset rows skipped before the page
 */
public record SearchQuery(
    List<TagFilter> tags,
    boolean anyTag,
    List<TagFilter> notTags,
    String text,
    String mediaType,
    String mime,
    String provider,
    String model,
    Long minSize,
    Long maxSize,
    Integer minWidth,
    Integer minHeight,
    Double minDuration,
    Double maxDuration,
    Instant since,
    Instant until,
    Integer minRating,
    LocalDateTime takenSince,
    LocalDateTime takenUntil,
    Near near,
    String locationPrefix,
    String storage,
    SearchSort sort,
    int limit,
    int offset) {

  public static final Set<String> MEDIA_TYPES = Set.of("image", "video", "audio");
  public static final Set<String> STORAGE_TYPES = Set.of("local", "network", "external", "s3", "gcs");
  public static final int MAX_LIMIT = 100_000;

  public SearchQuery {
    tags = List.copyOf(tags == null ? List.of() : tags);
    notTags = List.copyOf(notTags == null ? List.of() : notTags);
    text = blankToNull(text);
    mediaType = lower(mediaType);
    mime = lower(mime);
    provider = blankToNull(provider);
    model = blankToNull(model);
    locationPrefix = blankToNull(locationPrefix);
    storage = lower(storage);
    if (mediaType != null && !MEDIA_TYPES.contains(mediaType)) {
      throw new IllegalArgumentException("media type '" + mediaType + "' is not one of image, video, audio");
    }
    if (storage != null && !STORAGE_TYPES.contains(storage)) {
      throw new IllegalArgumentException("storage '" + storage + "' is not one of local, network, external, s3, gcs");
    }
    if (minSize != null && maxSize != null && minSize > maxSize) {
      throw new IllegalArgumentException("the smallest size " + minSize + " is larger than the largest " + maxSize);
    }
    if (minDuration != null && maxDuration != null && minDuration > maxDuration) {
      throw new IllegalArgumentException("the shortest duration " + minDuration + " s is longer than the longest "
          + maxDuration + " s");
    }
    if (since != null && until != null && !since.isBefore(until)) {
      throw new IllegalArgumentException("--since " + since + " is not before --until " + until);
    }
    if (minRating != null && (minRating < -1 || minRating > 5)) {
      throw new IllegalArgumentException("--rating " + minRating + " is outside -1..5 (-1 rejected, 0 unrated, 1-5 stars)");
    }
    if (takenSince != null && takenUntil != null && !takenSince.isBefore(takenUntil)) {
      throw new IllegalArgumentException("--taken-since " + takenSince + " is not before --taken-until " + takenUntil);
    }
    if (limit < 0 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit " + limit + " is outside 0.." + MAX_LIMIT);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset " + offset + " is negative");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether the query filters on the columns of other tools' metadata (caches of schema 4 and later). */
  public boolean readsDescribedColumns() {
    return minRating != null || takenSince != null || takenUntil != null || near != null;
  }

  /**
   * A point and a radius.
   *
   * @param latitude degrees north, -90..90
   * @param longitude degrees east, -180..180
   * @param km the radius in kilometres, not negative
   */
  public record Near(double latitude, double longitude, double km) {
    public Near {
      if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180) || !(km >= 0) || Double.isInfinite(km)) {
        throw new IllegalArgumentException("--near " + latitude + "," + longitude + "," + km + " needs a latitude in"
            + " -90..90, a longitude in -180..180 and a distance of 0 km or more");
      }
    }
  }

  /** The order actually used: relevance only means something with text. */
  public SearchSort effectiveSort() {
    if (sort == null || sort == SearchSort.RELEVANCE) {
      return text == null ? SearchSort.NEWEST : SearchSort.RELEVANCE;
    }
    return sort;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String lower(String s) {
    String t = blankToNull(s);
    return t == null ? null : t.toLowerCase(Locale.ROOT);
  }

  /** Fluent construction for the many optional fields. */
  public static final class Builder {
    private final List<TagFilter> tags = new ArrayList<>();
    private boolean anyTag;
    private final List<TagFilter> notTags = new ArrayList<>();
    private String text;
    private String mediaType;
    private String mime;
    private String provider;
    private String model;
    private Long minSize;
    private Long maxSize;
    private Integer minWidth;
    private Integer minHeight;
    private Double minDuration;
    private Double maxDuration;
    private Instant since;
    private Instant until;
    private Integer minRating;
    private LocalDateTime takenSince;
    private LocalDateTime takenUntil;
    private Near near;
    private String locationPrefix;
    private String storage;
    private SearchSort sort;
    private int limit = 50;
    private int offset;

    public Builder tag(String tag) {
      tags.add(TagFilter.parse(tag));
      return this;
    }

    public Builder anyTag(boolean any) {
      this.anyTag = any;
      return this;
    }

    public Builder notTag(String tag) {
      notTags.add(TagFilter.parse(tag));
      return this;
    }

    public Builder text(String text) {
      this.text = text;
      return this;
    }

    public Builder mediaType(String mediaType) {
      this.mediaType = mediaType;
      return this;
    }

    public Builder mime(String mime) {
      this.mime = mime;
      return this;
    }

    public Builder provider(String provider) {
      this.provider = provider;
      return this;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder size(Long min, Long max) {
      this.minSize = min;
      this.maxSize = max;
      return this;
    }

    public Builder minWidth(Integer pixels) {
      this.minWidth = pixels;
      return this;
    }

    public Builder minHeight(Integer pixels) {
      this.minHeight = pixels;
      return this;
    }

    public Builder duration(Double minSeconds, Double maxSeconds) {
      this.minDuration = minSeconds;
      this.maxDuration = maxSeconds;
      return this;
    }

    public Builder since(Instant since) {
      this.since = since;
      return this;
    }

    public Builder until(Instant until) {
      this.until = until;
      return this;
    }

    public Builder minRating(Integer rating) {
      this.minRating = rating;
      return this;
    }

    public Builder taken(LocalDateTime since, LocalDateTime until) {
      this.takenSince = since;
      this.takenUntil = until;
      return this;
    }

    public Builder near(Near near) {
      this.near = near;
      return this;
    }

    public Builder locationPrefix(String prefix) {
      this.locationPrefix = prefix;
      return this;
    }

    public Builder storage(String storage) {
      this.storage = storage;
      return this;
    }

    public Builder sort(SearchSort sort) {
      this.sort = sort;
      return this;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public Builder offset(int offset) {
      this.offset = offset;
      return this;
    }

    public SearchQuery build() {
      return new SearchQuery(tags, anyTag, notTags, text, mediaType, mime, provider, model, minSize, maxSize,
          minWidth, minHeight, minDuration, maxDuration, since, until, minRating, takenSince, takenUntil, near,
          locationPrefix, storage, sort, limit, offset);
    }
  }
}
