package ai.alicemultiverse.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Search filters as people write them, read into a query. */
class SearchArgumentsTest {

  private static SearchQuery sized(String range) {
    return SearchArguments.sizeRange(SearchQuery.builder(), range).build();
  }

  @Test
  void sizeRangesOpenOnEitherSide() {
    assertThat(sized("..1GB")).extracting(SearchQuery::minSize, SearchQuery::maxSize).containsExactly(null, 1_000_000_000L);
    assertThat(sized("1MB..")).extracting(SearchQuery::minSize, SearchQuery::maxSize).containsExactly(1_000_000L, null);
    assertThat(sized(" 1KiB .. 2 MiB ")).extracting(SearchQuery::minSize, SearchQuery::maxSize)
        .containsExactly(1024L, 2L * 1024 * 1024);
    assertThat(sized("500kb")).extracting(SearchQuery::minSize, SearchQuery::maxSize).containsExactly(500_000L, null);
  }

  @Test
  void sizesInEveryUnit() {
    assertThat(SearchArguments.parseSize("12")).isEqualTo(12);
    assertThat(SearchArguments.parseSize("1.5GB")).isEqualTo(1_500_000_000L);
    assertThat(SearchArguments.parseSize("1TB")).isEqualTo(1_000_000_000_000L);
    assertThat(SearchArguments.parseSize("1TiB")).isEqualTo(1024L * 1024 * 1024 * 1024);
  }

  @Test
  void badSizesAreNamed() {
    assertThatThrownBy(() -> sized("..")).hasMessage("--size '..' needs a MIN, a MAX or both, e.g. 1MB..10MB");
    assertThatThrownBy(() -> sized("..lots"))
        .hasMessage("size 'lots' is not a number with an optional unit, e.g. 500KB");
    assertThatThrownBy(() -> sized("-1MB..")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void datesAreDaysInUtcOrInstants() {
    assertThat(SearchArguments.parseDate("--since", "2025-01-31")).isEqualTo(Instant.parse("2025-01-31T00:00:00Z"));
    assertThat(SearchArguments.parseDate("--until", "2025-01-31T12:00:00Z"))
        .isEqualTo(Instant.parse("2025-01-31T12:00:00Z"));
    assertThatThrownBy(() -> SearchArguments.parseDate("--until", "31.01.2025"))
        .hasMessage("--until '31.01.2025' is not a date like 2025-01-31 or 2025-01-31T12:00:00Z");
  }

  @Test
  void sortsByNameAndNegativeBoundsAreRefused() {
    assertThat(SearchArguments.parseSort(" Largest ")).isEqualTo(SearchSort.LARGEST);
    assertThatThrownBy(() -> SearchArguments.parseSort("biggest"))
        .hasMessageStartingWith("--sort 'biggest' is not one of relevance");
    SearchArguments.requireNotNegative(1920, null, 0.0);
    assertThatThrownBy(() -> SearchArguments.requireNotNegative(null, -2.5))
        .hasMessageEndingWith("take a number of pixels or seconds, not -2.5");
  }

  @Test
  void captureTimesAreTheCamerasClock() {
    assertThat(SearchArguments.parseTaken("--taken-since", "2025-01-31")).isEqualTo(LocalDateTime.of(2025, 1, 31, 0, 0));
    assertThat(SearchArguments.parseTaken("--taken-until", " 2025-01-31T12:30:00 ")).isEqualTo(LocalDateTime.of(2025, 1, 31, 12, 30));
    assertThatThrownBy(() -> SearchArguments.parseTaken("--taken-since", "2025-01-31T12:00:00Z"))
        .hasMessageStartingWith("--taken-since '2025-01-31T12:00:00Z' is not a day like 2025-01-31");
    assertThatThrownBy(() -> SearchQuery.builder().taken(SearchArguments.parseTaken("x", "2025-02-01"),
        SearchArguments.parseTaken("x", "2025-01-01")).build()).hasMessageContaining("is not before --taken-until");
  }

  @Test
  void nearIsAPointAndARadius() {
    assertThat(SearchArguments.parseNear("48.8566, 2.3522,5")).isEqualTo(new SearchQuery.Near(48.8566, 2.3522, 5));
    assertThatThrownBy(() -> SearchArguments.parseNear("48.8566,2.3522"))
        .hasMessage("--near '48.8566,2.3522' is not LAT,LON,KM in decimal degrees and kilometres, e.g. 48.8566,2.3522,5");
    assertThatThrownBy(() -> SearchArguments.parseNear("91,0,5")).hasMessageContaining("latitude in -90..90");
    assertThatThrownBy(() -> SearchArguments.parseNear("0,0,-1")).hasMessageContaining("0 km or more");
    assertThatThrownBy(() -> SearchArguments.parseNear("0,0,NaN")).hasMessageContaining("0 km or more");
  }

  @Test
  void ratingsAreMinusOneToFive() {
    assertThat(SearchQuery.builder().minRating(-1).build().minRating()).isEqualTo(-1);
    assertThatThrownBy(() -> SearchQuery.builder().minRating(6).build()).hasMessageStartingWith("--rating 6 is outside");
  }
}
