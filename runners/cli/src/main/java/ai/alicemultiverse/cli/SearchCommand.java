package ai.alicemultiverse.cli;

import ai.alicemultiverse.search.CacheSearch;
import ai.alicemultiverse.search.Facet;
import ai.alicemultiverse.search.SearchArguments;
import ai.alicemultiverse.search.SearchHit;
import ai.alicemultiverse.search.SearchQuery;
import ai.alicemultiverse.search.SearchResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Find media in the cache by tags, words, type, provider, size, dates, rating, place and where it is stored.",
      "",
      "Every filter narrows the result (they combine with AND). --tag matches alice's tags and the keywords"
          + " other tools write (XMP dc:subject, IPTC Keywords as keyword:VALUE; Lightroom's and digiKam's"
          + " hierarchies such as mood|calm as mood:calm), a bare VALUE in any category. --text ranks by"
          + " relevance: BM25 over the description, the title, the prompts and the tags, case- and"
          + " plural-insensitive (cats finds cat); rarer words weigh more and the exact phrase ranks above the"
          + " same words scattered.",
      "",
      "The cache is opened read-only, so searching works while 'alice rebuild' runs (you see the old cache"
          + " until the new one is swapped in).",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  alice search --tag style:cyberpunk --tag mood:dark",
      "  alice search --text \"neon portrait\" --type image --limit 10",
      "  alice search --tag cat --tag dog --any --not-tag style:sketch --json",
      "  alice search --provider midjourney --since 2025-01-01 --size 1MB..10MB --facets",
      "  alice search --type image --min-width 1920 --min-height 1080",
      "  alice search --type audio --min-duration 30 --max-duration 180",
      "  alice search --tag mood:calm --rating 4 --taken-since 2024-06-01",
      "  alice search --near 48.8566,2.3522,5 --type image",
      "  alice search --location ~/Pictures/ai --storage local --csv > found.csv"
    })
final class SearchCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--tag", paramLabel = "[CATEGORY:]VALUE",
      description = "A tag the media must have; a bare VALUE matches in any category. Repeatable: all must match.")
  List<String> tags = new ArrayList<>();

  @Option(names = "--any", description = "Match media with any of the --tag values instead of all.")
  boolean any;

  @Option(names = "--not-tag", paramLabel = "[CATEGORY:]VALUE", description = "Leave out media with this tag. Repeatable.")
  List<String> notTags = new ArrayList<>();

  @Option(names = "--text", paramLabel = "WORDS", description = "Words to rank by (BM25 + exact-phrase bonus).")
  String text;

  @Option(names = "--type", paramLabel = "TYPE", description = "image, video or audio.")
  String type;

  @Option(names = "--mime", paramLabel = "MIME", description = "Exact MIME type, e.g. image/png.")
  String mime;

  @Option(names = "--provider", paramLabel = "NAME", description = "Generating service, e.g. midjourney.")
  String provider;

  @Option(names = "--model", paramLabel = "NAME", description = "Model name.")
  String model;

  @Option(names = "--min-width", paramLabel = "PX",
      description = "At least this many pixels wide (images and video; media without a known width are left out).")
  Integer minWidth;

  @Option(names = "--min-height", paramLabel = "PX", description = "At least this many pixels high.")
  Integer minHeight;

  @Option(names = "--min-duration", paramLabel = "SECONDS",
      description = "At least this long (video and audio; media without a known duration are left out).")
  Double minDuration;

  @Option(names = "--max-duration", paramLabel = "SECONDS", description = "At most this long.")
  Double maxDuration;

  @Option(names = "--size", paramLabel = "RANGE",
      description = "File size: MIN..MAX, MIN.. or ..MAX; units B, KB, MB, GB (1000) or KiB, MiB, GiB (1024).")
  String size;

  @Option(names = "--since", paramLabel = "DATE",
      description = "Generated (or, if never generated, processed) on or after: 2025-01-31 or 2025-01-31T12:00:00Z.")
  String since;

  @Option(names = "--until", paramLabel = "DATE", description = "Generated (or processed) before this date.")
  String until;

  @Option(names = "--rating", paramLabel = "N",
      description = "Rated at least N (xmp:Rating: 1 to 5 stars, 0 unrated, -1 rejected; media without a rating"
          + " are left out).")
  Integer rating;

  @Option(names = "--taken-since", paramLabel = "DATE",
      description = "Captured on or after (EXIF DateTimeOriginal, XMP, QuickTime CreationDate): 2025-01-31 or"
          + " 2025-01-31T12:00:00, on the camera's clock.")
  String takenSince;

  @Option(names = "--taken-until", paramLabel = "DATE", description = "Captured before this date.")
  String takenUntil;

  @Option(names = "--near", paramLabel = "LAT,LON,KM",
      description = "Taken within KM kilometres of this GPS position, in decimal degrees (south and west"
          + " negative), e.g. 48.8566,2.3522,5.")
  String near;

  @Option(names = "--location", paramLabel = "PLACE",
      description = "Some copy is this file or lies in this folder (by whole folders: /x/sun does not hold"
          + " /x/sunset.jpg), or under s3://bucket/prefix, gs://bucket/prefix.")
  String location;

  @Option(names = "--storage", paramLabel = "KIND", description = "Some copy is on local, network, external (a library file's label), s3 or gcs.")
  String storage;

  @Option(names = "--sort", paramLabel = "ORDER",
      description = "relevance (default with --text), newest (default), oldest, largest, smallest.")
  String sort;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N results (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip the first N results.")
  int offset;

  @Option(names = "--facets", description = "Also count matches per tag, media type and provider.")
  boolean facets;

  @Option(names = "--json",
      description = "Print JSON: {total, hits, facets}; each hit has SourceFile (its best location) first.")
  boolean json;

  @Option(names = "--csv", description = "Print CSV with a header row.")
  boolean csv;

  @Option(names = "--cache", paramLabel = "FILE",
      description = "The DuckDB cache to search (default: the library file's cache, else alice.duckdb).")
  Path cache;

  @Mixin LibraryOption library = new LibraryOption();

  @Override
  public Integer call() throws Exception {
    SearchArguments.requireNotNegative(minWidth, minHeight, minDuration, maxDuration);
    if (json && csv) {
      throw new IllegalArgumentException("choose one of --json and --csv");
    }
    SearchQuery query = query();
    try (CacheSearch search = CacheSearch.open(library.cache(cache))) {
      SearchResult result = search.search(query);
      List<Facet> counts = facets ? search.facets(query, 20) : List.of();
      if (json) {
        System.out.println(JSON.writeValueAsString(toJson(result, counts)));
      } else if (csv) {
        printCsv(result);
      } else {
        printTable(result, query);
        printFacets(counts);
      }
    }
    return 0;
  }

  SearchQuery query() {
    SearchQuery.Builder b = SearchQuery.builder().anyTag(any).text(text).mediaType(type).mime(mime)
        .provider(provider).model(model).storage(storage).minWidth(minWidth).minHeight(minHeight)
        .duration(minDuration, maxDuration).limit(limit).offset(offset);
    tags.forEach(b::tag);
    notTags.forEach(b::notTag);
    if (size != null) {
      SearchArguments.sizeRange(b, size);
    }
    b.since(since == null ? null : SearchArguments.parseDate("--since", since));
    b.until(until == null ? null : SearchArguments.parseDate("--until", until));
    b.minRating(rating);
    b.taken(takenSince == null ? null : SearchArguments.parseTaken("--taken-since", takenSince),
        takenUntil == null ? null : SearchArguments.parseTaken("--taken-until", takenUntil));
    b.near(near == null ? null : SearchArguments.parseNear(near));
    if (location != null) {
      b.locationPrefix(location.contains("://") ? location : Path.of(location).toAbsolutePath().normalize().toString());
    }
    if (sort != null) {
      b.sort(SearchArguments.parseSort(sort));
    }
    return b.build();
  }

  static ObjectNode toJson(SearchResult result, List<Facet> facets) {
    ObjectNode root = JSON.createObjectNode();
    root.put("total", result.total());
    ArrayNode hits = root.putArray("hits");
    for (SearchHit h : result.hits()) {
      ObjectNode n = hits.addObject();
      n.put("SourceFile", h.bestLocation()); // as ExifTool -j and the per-file commands name the file
      n.put("content_hash", h.contentHash());
      n.put("media_type", h.mediaType());
      n.put("format", h.format());
      n.put("mime", h.mime());
      n.put("size_bytes", h.sizeBytes());
      n.put("description", h.description());
      n.put("provider", h.provider());
      n.put("model", h.model());
      n.put("generated_at", h.generatedAt() == null ? null : h.generatedAt().toString());
      n.put("processed_at", h.processedAt() == null ? null : h.processedAt().toString());
      n.put("location_count", h.locationCount());
      n.put("best_location", h.bestLocation());
      if (h.score() != null) {
        n.put("score", h.score());
      }
    }
    if (!facets.isEmpty()) {
      ArrayNode out = root.putArray("facets");
      for (Facet f : facets) {
        out.addObject().put("group", f.group()).put("value", f.value()).put("count", f.count());
      }
    }
    return root;
  }

  private static void printCsv(SearchResult result) {
    System.out.println("content_hash,media_type,mime,size_bytes,provider,model,generated_at,best_location,"
        + "location_count,description,score");
    for (SearchHit h : result.hits()) {
      System.out.println(String.join(",", csv(h.contentHash()), csv(h.mediaType()), csv(h.mime()),
          Long.toString(h.sizeBytes()), csv(h.provider()), csv(h.model()),
          csv(h.generatedAt() == null ? null : h.generatedAt().toString()), csv(h.bestLocation()),
          Integer.toString(h.locationCount()), csv(h.description()),
          h.score() == null ? "" : String.format(Locale.ROOT, "%.4f", h.score())));
    }
  }

  static String csv(String value) {
    if (value == null) {
      return "";
    }
    boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  private static void printTable(SearchResult result, SearchQuery query) {
    if (result.hits().isEmpty()) {
      System.out.println(result.total() == 0 ? "no matches" : "no matches on this page (" + result.total()
          + " in all; lower --offset)");
      return;
    }
    System.out.printf("%-12s  %-5s  %-50s  %s%n", "HASH", "TYPE", "LOCATION", "DESCRIPTION");
    for (SearchHit h : result.hits()) {
      System.out.printf("%-12s  %-5s  %-50s  %s%n", h.shortHash(), h.mediaType(), fit(h.bestLocation(), 50), fit(h.description() == null ? "" : h.description(), 60));
    }
    long shown = result.hits().size();
    System.out.println();
    System.out.println(shown + " of " + result.total() + " matches"
        + (query.offset() > 0 ? " (from " + (query.offset() + 1) + ")" : "")
        + (query.offset() + shown < result.total() ? "; more with --offset " + (query.offset() + shown) : ""));
  }

  private static void printFacets(List<Facet> facets) {
    String group = null;
    for (Facet f : facets) {
      if (!f.group().equals(group)) {
        group = f.group();
        System.out.println();
        System.out.println(group + ":");
      }
      System.out.printf("  %-30s %d%n", f.value(), f.count());
    }
  }

  /** Keeps the end of a path (the file name matters most), the start of a description. */
  private static String fit(String text, int width) {
    if (text == null) {
      return "";
    }
    if (text.length() <= width) {
      return text;
    }
    return text.startsWith("/") || text.contains("://")
        ? "…" + text.substring(text.length() - width + 1) : text.substring(0, width - 1) + "…";
  }
}
