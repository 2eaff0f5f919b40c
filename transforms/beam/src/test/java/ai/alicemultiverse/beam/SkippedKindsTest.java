package ai.alicemultiverse.beam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Skipped files are counted by extension, with a bounded set of counter names whatever the file names. */
class SkippedKindsTest {
  @Test
  void aFileIsCountedByItsLowerCaseExtension() {
    assertThat(SkippedKinds.of("/media/Notes.TXT")).isEqualTo("txt");
    assertThat(SkippedKinds.of("s3://bucket/a.b/layers.psd")).isEqualTo("psd");
    assertThat(SkippedKinds.of("/media/README")).isEqualTo("(none)");
    assertThat(SkippedKinds.of("/media/.hidden")).isEqualTo("(none)");
  }

  @Test
  void oddExtensionsShareOneKindSoNamesCannotMakeACounterEach() {
    assertThat(SkippedKinds.of("/media/x.0123456789abcdef")).isEqualTo(SkippedKinds.OTHER);
    assertThat(SkippedKinds.of("/media/x.t\nxt")).isEqualTo(SkippedKinds.OTHER);
    assertThat(SkippedKinds.of("/media/x.ü")).isEqualTo(SkippedKinds.OTHER);
  }

  @Test
  void theKindsAreReadBackFromTheRunsCounters() {
    Map<String, Long> counters = Map.of(PipelineCounters.MATCHED, 9L, "files_skipped", 3L,
        PipelineCounters.SKIPPED_KIND_PREFIX + "txt", 2L, PipelineCounters.SKIPPED_KIND_PREFIX + "psd", 1L);

    assertThat(SkippedKinds.from(counters)).containsExactly(Map.entry("psd", 1L), Map.entry("txt", 2L));
  }
}
