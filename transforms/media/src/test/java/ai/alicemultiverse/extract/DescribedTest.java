package ai.alicemultiverse.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The standard metadata JSON read into what people wrote, by the Metadata Working Group's precedence: the values
 * are the forms ExifTool, exiv2 and Tika write them in (the files themselves are read in {@code
 * OtherToolsMetadataSearchTest}).
 */
class DescribedTest {
  @Test
  void xmpComesBeforeIptcAndExif() {
    Described d = Described.of("{\"XMP-dc:title\":\"XMP title\",\"dc:title\":\"IPTC title\","
        + "\"XMP-photoshop:DateCreated\":\"2023-07-14T18:30:00+02:00\",\"exif:DateTimeOriginal\":\"2023-07-14T16:30:00\","
        + "\"XMP-exif:GPSLatitude\":\"48,51.396N\",\"geo:lat\":\"1.0\",\"XMP-exif:GPSLongitude\":\"2,21,7.92W\","
        + "\"geo:long\":\"2.0\",\"XMP-xmp:Rating\":\"4\",\"Exif IFD0:Rating\":\"1\"}");

    assertThat(d.title()).isEqualTo("XMP title");
    assertThat(d.takenAt()).isEqualTo("2023-07-14T18:30:00"); // the photographer's clock, zone dropped
    assertThat(d.latitude()).isCloseTo(48.8566, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(d.longitude()).isCloseTo(-2.3522, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(d.rating()).isEqualTo(4);
  }

  @Test
  void whereXmpIsSilentTheOthersSpeak() {
    Described d = Described.of("{\"dc:title\":\"Song\",\"exif:DateTimeOriginal\":\"2019-05-04T20:15:00\","
        + "\"dcterms:created\":\"2020-01-01T00:00:00Z\",\"geo:lat\":\"40.7128\",\"geo:long\":\"-74.006\","
        + "\"Caption/Abstract\":\"harbour\",\"Exif IFD0:Image Description\":\"camera text\","
        + "\"dc:subject\":[\"holiday\",\"holiday\",\"sea\"],\"xmpDM:genre\":\"Ambient\"}");

    assertThat(d.title()).isEqualTo("Song");
    assertThat(d.takenAt()).isEqualTo("2019-05-04T20:15:00");
    assertThat(d.latitude()).isEqualTo(40.7128);
    assertThat(d.caption()).isEqualTo("harbour");
    assertThat(d.captionSource()).isEqualTo("iptc");
    assertThat(d.keywords()).containsExactly("holiday", "sea");
    assertThat(d.genres()).containsExactly("Ambient");
  }

  @Test
  void hierarchiesKeepTheirSteps() {
    Described d = Described.of("{\"XMP-lr:hierarchicalSubject\":[\"mood|calm\",\"places|Europe|Paris\"],"
        + "\"XMP-digiKam:TagsList\":[\"mood/calm\",\"people/ Ann \"]}");

    assertThat(d.paths()).containsExactly(List.of("mood", "calm"), List.of("places", "Europe", "Paris"),
        List.of("people", "Ann"));
  }

  @Test
  void valuesOutOfRangeOrShapeAreAbsent() {
    Described d = Described.of("{\"XMP-xmp:Rating\":\"7\",\"XMP-exif:GPSLatitude\":\"95,0N\",\"geo:long\":\"200\","
        + "\"dcterms:created\":\"1904-01-01T00:00:00Z\",\"exif:DateTimeOriginal\":\"0000:00:00 00:00:00\","
        + "\"XMP-dc:title\":[1, 2]}");

    assertThat(d).extracting(Described::rating, Described::latitude, Described::longitude, Described::takenAt,
        Described::title).containsOnlyNulls();
    assertThat(Described.of("not json").keywords()).isEmpty();
    assertThat(Described.of(null).paths()).isEmpty();
  }

  @Test
  void timesInEveryFormToolsWrite() {
    assertThat(Described.time("2023:07:14 18:30:00")).isEqualTo("2023-07-14T18:30:00");
    assertThat(Described.time("2023-07-14")).isEqualTo("2023-07-14T00:00:00");
    assertThat(Described.time("2023-07-14T18:30")).isEqualTo("2023-07-14T18:30:00");
    assertThat(Described.time("2023-07-14T18:30:00.25Z")).isEqualTo("2023-07-14T18:30:00");
    assertThat(Described.time("2023-13-14T18:30:00")).isNull();
  }
}
