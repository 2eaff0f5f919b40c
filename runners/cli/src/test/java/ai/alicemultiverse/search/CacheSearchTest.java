package ai.alicemultiverse.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alicemultiverse.cli.AliceCommand;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search over a cache built by the real rebuild pipeline from real files. */
class CacheSearchTest {
  @TempDir static Path dir;
  static SearchFixture lib;
  static CacheSearch search;

  @BeforeAll
  static void build() throws Exception {
    lib = new SearchFixture(dir);
    lib.rebuild();
    search = CacheSearch.open(lib.cache);
  }

  @AfterAll
  static void close() throws SQLException {
    search.close();
  }

  /** File names of the hits, in order (a hash found at two paths is named by its first file). */
  static List<String> names(UnaryOperator<SearchQuery.Builder> q) throws SQLException {
    SearchResult result = search.search(q.apply(SearchQuery.builder()).build());
    List<String> names = new ArrayList<>();
    for (SearchHit hit : result.hits()) {
      names.add(lib.hashes.entrySet().stream().filter(e -> e.getValue().equals(hit.contentHash()))
          .findFirst().orElseThrow().getKey());
    }
    return names;
  }

  @Test
  void withoutFiltersEverythingNewestFirst() throws Exception {
    // lake.png was never generated: its processed_at (now) dates it.
    assertThat(names(q -> q)).containsExactly("lake.png", "neon.png", "rain.wav", "cats.png", "scattered.png");
  }

  @Test
  void tagsMustAllMatchByDefault() throws Exception {
    assertThat(names(q -> q.tag("mood:dark").tag("subject:portrait"))).containsExactly("neon.png");
    assertThat(names(q -> q.tag("dark"))).containsExactly("neon.png", "scattered.png");
    assertThat(names(q -> q.tag("MOOD:Dark"))).containsExactly("neon.png", "scattered.png");
    assertThat(names(q -> q.tag("mood:dark").tag("mood:nothing-like-this"))).isEmpty();
  }

  @Test
  void anyTagMatchesEither() throws Exception {
    assertThat(names(q -> q.tag("cat").tag("calm").anyTag(true))).containsExactly("lake.png", "rain.wav", "cats.png");
    assertThat(names(q -> q.tag("nothing").tag("cat").anyTag(true))).containsExactly("cats.png");
  }

  @Test
  void notTagLeavesOut() throws Exception {
    assertThat(names(q -> q.tag("mood:dark").notTag("style:photo"))).containsExactly("neon.png");
    assertThat(names(q -> q.notTag("calm"))).containsExactly("neon.png", "cats.png", "scattered.png");
  }

  @Test
  void typeMimeProviderModel() throws Exception {
    assertThat(names(q -> q.mediaType("audio"))).containsExactly("rain.wav");
    assertThat(names(q -> q.mediaType("image")))
        .containsExactly("lake.png", "neon.png", "cats.png", "scattered.png");
    assertThat(names(q -> q.mime("IMAGE/PNG"))).hasSize(4).doesNotContain("rain.wav");
    assertThat(names(q -> q.provider("MidJourney"))).containsExactly("neon.png");
    assertThat(names(q -> q.model("DALL-E-3"))).containsExactly("scattered.png");
    assertThat(names(q -> q.provider("nobody"))).isEmpty();
  }

  @Test
  void sizeRange() throws Exception {
    long lake = Files.size(lib.root.resolve("renders/lake.png"));
    assertThat(names(q -> q.size(lake, null))).containsExactly("lake.png");
    assertThat(names(q -> q.size(null, lake - 1))).doesNotContain("lake.png").hasSize(4);
    assertThat(names(q -> q.size(lake, lake))).containsExactly("lake.png");
  }

  @Test
  void sinceIncludedUntilExcluded() throws Exception {
    assertThat(names(q -> q.since(Instant.parse("2025-01-15T12:00:00Z")).until(Instant.parse("2025-03-01T10:00:00Z"))))
        .containsExactly("rain.wav", "cats.png");
    assertThat(names(q -> q.until(Instant.parse("2025-01-01T00:00:00Z")))).containsExactly("scattered.png");
  }

  @Test
  void locationPrefixAndStorage() throws Exception {
    assertThat(names(q -> q.locationPrefix(lib.root.resolve("backup").toString()))).containsExactly("neon.png");
    assertThat(names(q -> q.locationPrefix(lib.root.resolve("audio").toString()))).containsExactly("rain.wav");
    // whole segments: a folder holds what lies in it, a name's beginning is no folder
    assertThat(names(q -> q.locationPrefix(lib.root.resolve("backup/neon").toString()))).isEmpty();
    assertThat(names(q -> q.locationPrefix(lib.root.resolve("back").toString()))).isEmpty();
    assertThat(names(q -> q.locationPrefix(lib.root.resolve("backup") + "/"))).containsExactly("neon.png");
    assertThat(names(q -> q.locationPrefix(lib.root.resolve("backup/neon-copy.png").toString())))
        .containsExactly("neon.png");
    assertThat(names(q -> q.storage("local"))).hasSize(5);
    assertThat(names(q -> q.storage("s3"))).isEmpty();
  }

  @Test
  void sortLimitOffsetAndTotal() throws Exception {
    assertThat(names(q -> q.sort(SearchSort.LARGEST)).get(0)).isEqualTo("lake.png");
    assertThat(names(q -> q.sort(SearchSort.OLDEST)))
        .containsExactly("scattered.png", "cats.png", "rain.wav", "neon.png", "lake.png");
    SearchResult page = search.search(SearchQuery.builder().limit(2).offset(1).build());
    assertThat(page.total()).isEqualTo(5);
    assertThat(page.hits()).extracting(SearchHit::contentHash)
        .containsExactly(lib.hash("neon.png"), lib.hash("rain.wav"));
  }

  @Test
  void bestLocationAndCopies() throws Exception {
    SearchHit neon = search.search(SearchQuery.builder().provider("midjourney").build()).hits().get(0);
    assertThat(neon.locationCount()).isEqualTo(2);
    // both local: the shorter path wins
    assertThat(neon.bestLocation()).isEqualTo(lib.root.resolve("renders/neon.png").toString());
    assertThat(neon.description()).isEqualTo("A neon portrait in the rain");
  }

  @Test
  void exactPhraseBeatsScatteredWords() throws Exception {
    // scattered.png says portrait and neon twice each, so BM25 alone ranks it first ...
    assertThat(names(q -> q.text("portrait neon"))).containsExactly("scattered.png", "neon.png");
    // ... but only neon.png has the phrase "neon portrait".
    assertThat(names(q -> q.text("Neon Portrait"))).containsExactly("neon.png", "scattered.png");
  }

  @Test
  void rarerWordsWeighMore() throws Exception {
    // watercolor is on one asset, dark on two: the watercolor asset ranks first although the
    // dark ones are shorter documents.
    assertThat(names(q -> q.text("dark watercolor"))).containsExactly("cats.png", "neon.png", "scattered.png");
  }

  @Test
  void pluralsAndCaseFold() throws Exception {
    assertThat(names(q -> q.text("CAT box city"))).containsExactly("cats.png");
    assertThat(names(q -> q.text("cities"))).containsExactly("cats.png");
    assertThat(search.words("Cats, BOXES & Cities; glass status")).containsExactly("cat", "box", "city", "glass",
        "status");
  }

  @Test
  void textCombinesWithFilters() throws Exception {
    assertThat(names(q -> q.text("rain"))).containsExactly("rain.wav", "neon.png");
    assertThat(names(q -> q.text("rain").mediaType("image"))).containsExactly("neon.png");
    assertThat(names(q -> q.text("rain").tag("calm"))).containsExactly("rain.wav");
    assertThat(names(q -> q.text("zeppelin"))).isEmpty();
    assertThatThrownBy(() -> names(q -> q.text("!!!"))).hasMessageContaining("no words");
  }

  @Test
  void facetsCountTheFilter() throws Exception {
    List<Facet> facets = search.facets(SearchQuery.builder().tag("mood:dark").build(), 10);
    assertThat(facets).containsExactly(
        new Facet("media_type", "image", 2),
        new Facet("provider", "dalle", 1),
        new Facet("provider", "midjourney", 1),
        new Facet("tag:mood", "dark", 2),
        new Facet("tag:style", "cyberpunk", 1),
        new Facet("tag:style", "photo", 1),
        new Facet("tag:subject", "portrait", 1),
        new Facet("tag:subject", "woman", 1));
  }

  @Test
  void cliJsonParsesBack() throws Exception {
    Run run = cli("search", "--cache", lib.cache.toString(), "--text", "neon portrait", "--json");
    assertThat(run.code).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out);
    assertThat(json.get("total").asLong()).isEqualTo(2);
    assertThat(json.get("hits").get(0).get("content_hash").asText()).isEqualTo(lib.hash("neon.png"));
    assertThat(json.get("hits").get(0).get("score").asDouble())
        .isGreaterThan(json.get("hits").get(1).get("score").asDouble());
    assertThat(json.get("hits").get(0).get("provider").asText()).isEqualTo("midjourney");
  }

  @Test
  void cliCsvTableAndFacets() throws Exception {
    Run csv = cli("search", "--cache", lib.cache.toString(), "--tag", "dark", "--csv");
    assertThat(csv.out.lines().toList()).hasSize(3);
    assertThat(csv.out.lines().skip(1).toList()).allMatch(l -> l.startsWith("sha256:"));
    Run table = cli("search", "--cache", lib.cache.toString(), "--size", "..1GB", "--facets", "--limit", "2");
    assertThat(table.out).contains("2 of 5 matches; more with --offset 2").contains("tag:mood:");
  }

  @Test
  void widthHeightAndDuration() throws Exception {
    // The PNGs are 16x16 except lake.png (200x200); rain.wav is 8000 samples at 8 kHz: one second.
    assertThat(names(q -> q.minWidth(100))).containsExactly("lake.png");
    assertThat(names(q -> q.minWidth(16).minHeight(16)))
        .containsExactly("lake.png", "neon.png", "cats.png", "scattered.png");
    assertThat(names(q -> q.minHeight(17))).containsExactly("lake.png");
    assertThat(names(q -> q.duration(0.5, 1.5))).containsExactly("rain.wav");
    assertThat(names(q -> q.duration(1.5, null))).isEmpty();
    assertThat(names(q -> q.duration(null, 0.5))).isEmpty();
    Run cli = cli("search", "--cache", lib.cache.toString(), "--min-width", "100", "--json");
    assertThat(new ObjectMapper().readTree(cli.out).get("hits").get(0).get("content_hash").asText())
        .isEqualTo(lib.hash("lake.png"));
    Run audio = cli("search", "--cache", lib.cache.toString(), "--min-duration", "0.9", "--max-duration", "1.1",
        "--csv");
    assertThat(audio.out.lines().skip(1).toList()).singleElement().asString().startsWith(lib.hash("rain.wav"));
  }

  @Test
  void cliExplainsWhatItCannotDo() throws Exception {
    Run width = cli("search", "--cache", lib.cache.toString(), "--min-width", "-5");
    assertThat(width.code).isEqualTo(2);
    assertThat(width.err).contains("number of pixels or seconds, not -5");
    Run duration = cli("search", "--cache", lib.cache.toString(), "--min-duration", "9", "--max-duration", "2");
    assertThat(duration.code).isEqualTo(2);
    assertThat(duration.err).contains("shortest duration 9.0 s is longer than the longest 2.0 s");
    Run missing = cli("search", "--cache", dir.resolve("nope.duckdb").toString(), "--tag", "x");
    assertThat(missing.code).isEqualTo(1);
    assertThat(missing.err).contains("nope.duckdb: no cache here").contains("alice rebuild");
  }

  @Test
  void reportsShowLocationsDupesStats() throws Exception {
    String neon = lib.hash("neon.png");
    Run show = cli("show", "--cache", lib.cache.toString(), neon.substring(0, 15));
    assertThat(show.code).isZero();
    assertThat(show.out).contains(neon).contains("backup/neon-copy.png").contains("renders/neon.png")
        .contains("tag mood").contains("midjourney");
    Run where = cli("locations", "--cache", lib.cache.toString(), neon.substring(7, 17));
    assertThat(where.out).contains("(2 copies)").contains("local   " + lib.root.resolve("backup/neon-copy.png"));
    Run dupes = cli("dupes", "--cache", lib.cache.toString());
    long size = Files.size(lib.root.resolve("renders/neon.png"));
    assertThat(dupes.out).contains("1 duplicated hashes").contains(neon + "  2 copies");
    assertThat(new CopyReports(search.connection()).duplicateTotals())
        .isEqualTo(new CopyReports.DuplicateTotals(1, size, 0));
    Run stats = cli("stats", "--cache", lib.cache.toString());
    assertThat(stats.out).contains("assets      5").contains("locations   6").contains("image")
        .contains("midjourney");
    Run unknown = cli("locations", "--cache", lib.cache.toString(), "sha256:00000000");
    assertThat(unknown.code).isEqualTo(1);
  }

  record Run(int code, String out, String err) {}

  static synchronized Run cli(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      var cli = AliceCommand.commandLine();
      cli.setErr(new java.io.PrintWriter(System.err, true));
      int code = cli.execute(args);
      return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
