package ai.alicemultiverse.xmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AliceMetadataTest {

  @Test
  void jsonRoundTripsEveryField() {
    AliceMetadata m = Fixtures.full();
    String json = m.toJson();
    AliceMetadata back = AliceMetadata.fromJson(json);
    assertThat(back).isEqualTo(m);
    assertThat(back.hashCode()).isEqualTo(m.hashCode());
    assertThat(back.toJson()).isEqualTo(json);
  }

  @Test
  void jsonHasStableSnakeCaseKeysAndOmitsNulls() {
    AliceMetadata m =
        AliceMetadata.builder()
            .contentHash("sha256:00")
            .keywords(List.of("k"))
            .addTag("Mood", "calm")
            .addTag("Color Palette", "teal")
            .generation(
                new Generation(
                    "sd", null, "p", null, new TreeMap<>(Map.of("Steps", "20")), 0.5, null))
            .metadataVersion(1)
            .build();
    assertThat(m.toJson())
        .isEqualTo(
            "{\"content_hash\":\"sha256:00\",\"keywords\":[\"k\"],"
                + "\"understanding\":{\"tags\":{\"color_palette\":[\"teal\"],\"mood\":[\"calm\"]}},"
                + "\"generation\":{\"provider\":\"sd\",\"prompt\":\"p\","
                + "\"parameters\":{\"Steps\":\"20\"},\"cost\":0.5},"
                + "\"metadata_version\":1}");
    assertThat(AliceMetadata.builder().build().toJson()).isEqualTo("{}");
  }

  @Test
  void fullJsonKeyOrder() {
    String json = Fixtures.full().toJson();
    List<String> keys =
        List.of(
            "\"content_hash\"", "\"description\"", "\"keywords\"", "\"creators\"",
            "\"creator_tool\"", "\"understanding\"", "\"tags\"", "\"generated_prompt\"",
            "\"provider_outputs\"", "\"generation\"", "\"negative_prompt\"", "\"parameters\"",
            "\"generated_at\"", "\"processed_at\"", "\"metadata_version\"");
    int at = -1;
    for (String key : keys) {
      int next = json.indexOf(key, at + 1);
      assertThat(next).as(key + " after position " + at).isGreaterThan(at);
      at = next;
    }
  }

  @Test
  void fromJsonRejectsWrongTypes() {
    assertThatThrownBy(() -> AliceMetadata.fromJson("not json"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AliceMetadata.fromJson("[1]"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AliceMetadata.fromJson("{\"keywords\":\"a\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keywords");
    assertThatThrownBy(() -> AliceMetadata.fromJson("{\"metadata_version\":1.5}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void normalisesCategoriesAndValues() {
    AliceMetadata m =
        AliceMetadata.builder()
            .addTag(" Color-Palette ", "  teal ")
            .addTag("color_palette", "teal")
            .addTag("COLOR PALETTE", "pink")
            .addTag("Stílo", "x")
            .addTag("mood", "   ")
            .keywords(List.of(" a ", "b", "a", "", "teal"))
            .creators(List.of("  Ada ", " "))
            .description("")
            .build();
    assertThat(m.tags()).containsExactly(
        Map.entry("color_palette", List.of("teal", "pink")), Map.entry("st_lo", List.of("x")));
    // "teal" is a tag value, so it is dc:subject through the tag, not as a keyword.
    assertThat(m.keywords()).containsExactly("a", "b");
    assertThat(m.subject()).containsExactly("a", "b", "teal", "pink", "x");
    assertThat(m.creators()).containsExactly("Ada");
    assertThat(m.description()).isNull();
    assertThatThrownBy(() -> m.withTag("3d", "yes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3d");
    assertThatThrownBy(() -> m.withTag(" ", "yes")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withTagWithoutTagAndAllTagValues() {
    AliceMetadata m = AliceMetadata.builder().addTag("style", "noir").addTag("mood", "dark").build();
    AliceMetadata more = m.withTag("Style", "neon").withTag("colors", "dark");
    assertThat(more.tags())
        .containsExactly(
            Map.entry("colors", List.of("dark")),
            Map.entry("mood", List.of("dark")),
            Map.entry("style", List.of("noir", "neon")));
    assertThat(more.allTagValues()).containsExactly("dark", "noir", "neon");
    assertThat(m.tags()).hasSize(2); // the original is unchanged
    AliceMetadata less = more.withoutTag("style", "noir").withoutTag("colors", "dark");
    assertThat(less.tags())
        .containsExactly(Map.entry("mood", List.of("dark")), Map.entry("style", List.of("neon")));
    assertThat(less.withoutTag("nope", "x")).isEqualTo(less);
  }

  @Test
  void emptyPartsAreDroppedAndCostMustBeFinite() {
    AliceMetadata m =
        AliceMetadata.builder()
            .addProviderOutput(new ProviderOutput("", null, null, null, ""))
            .generation(new Generation(null, "", null, null, new TreeMap<>(Map.of("a", "")), null, null))
            .build();
    assertThat(m.providerOutputs()).isEmpty();
    assertThat(m.generation()).isNull();
    assertThat(m).isEqualTo(AliceMetadata.builder().build());
    assertThatThrownBy(() -> new ProviderOutput("p", null, null, Double.NaN, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isImmutableAndSerializable() throws Exception {
    AliceMetadata m = Fixtures.full();
    assertThatThrownBy(() -> m.keywords().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.tags().put("x", List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.tags().get("style").add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.generation().parameters().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(m);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(m);
    }
    assertThat(m.toBuilder().build()).isEqualTo(m);
    assertThat(m.toBuilder().metadataVersion(3).build()).isNotEqualTo(m);
  }

  @Test
  void ratingIsMinusOneToFiveAndATagsHierarchicalEntryGoesWithIt() {
    assertThatThrownBy(() -> AliceMetadata.builder().rating(6).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1 (rejected) or 0 to 5");
    assertThatThrownBy(() -> AliceMetadata.builder().rating(-2).build()).isInstanceOf(IllegalArgumentException.class);
    assertThat(AliceMetadata.builder().rating(-1).build().rating()).isEqualTo(-1);

    AliceMetadata m = AliceMetadata.builder()
        .hierarchicalKeywords(List.of("places|Europe|Paris", "style|noir"))
        .addTag("style", "noir")
        .build();
    assertThat(m.hierarchicalKeywords()).containsExactly("places|Europe|Paris");
    assertThat(m.hierarchicalSubject()).containsExactly("places|Europe|Paris", "style|noir");
    assertThat(m.withoutTag("style", "noir").hierarchicalSubject()).containsExactly("places|Europe|Paris");
  }
}
