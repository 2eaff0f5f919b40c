package ai.alicemultiverse.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.beam.PipelineCounters;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress line names its phase and gives a percentage and ETA only once every root is listed. */
class ProgressLineTest {
  @Test
  void noPercentageWhileARootIsStillBeingListed() {
    Map<String, Long> twoOfThreeRootsSplit = Map.of(PipelineCounters.ROOTS_SPLIT, 2L,
        PipelineCounters.LISTINGS_OPEN, 0L, PipelineCounters.MEDIA_LISTED, 40L, PipelineCounters.INDEXED, 10L);
    assertThat(ProgressLine.of(twoOfThreeRootsSplit, 3, 2.0))
        .isEqualTo("listing: 40 files found, 10 read, 0 errors, 5 files/s");

    Map<String, Long> aListingOpen = Map.of(PipelineCounters.ROOTS_SPLIT, 3L,
        PipelineCounters.LISTINGS_OPEN, 1L, PipelineCounters.MEDIA_LISTED, 40L, PipelineCounters.INDEXED, 10L);
    assertThat(ProgressLine.of(aListingOpen, 3, 2.0)).startsWith("listing: ");
  }

  @Test
  void percentageAndEtaOnceTheCountIsKnown() {
    Map<String, Long> counters = Map.of(PipelineCounters.ROOTS_SPLIT, 2L, PipelineCounters.LISTINGS_OPEN, 0L,
        PipelineCounters.MEDIA_LISTED, 1000L, PipelineCounters.INDEXED, 150L, PipelineCounters.REUSED, 40L,
        PipelineCounters.ERRORS, 12L, PipelineCounters.FOLDERS_UNREADABLE, 2L);
    // read = 150 indexed + 40 reused + 10 files that failed (the 2 unreadable folders are no files): 200 in 10 s
    assertThat(ProgressLine.of(counters, 2, 10.0))
        .isEqualTo("reading: 200 of 1000 files (20%), 12 errors, 20 files/s, ETA 40s");
  }

  @Test
  void finishingOnceEveryFileIsRead() {
    Map<String, Long> counters = Map.of(PipelineCounters.ROOTS_SPLIT, 1L, PipelineCounters.LISTINGS_OPEN, 0L,
        PipelineCounters.MEDIA_LISTED, 8L, PipelineCounters.INDEXED, 7L, PipelineCounters.ERRORS, 1L);
    assertThat(ProgressLine.of(counters, 1, 3.0)).isEqualTo("finishing: all 8 files read (100%), 1 errors");
  }

  @Test
  void durations() {
    assertThat(ProgressLine.duration(0.2)).isEqualTo("1s");
    assertThat(ProgressLine.duration(185)).isEqualTo("3m05s");
    assertThat(ProgressLine.duration(7440)).isEqualTo("2h04m");
    assertThat(ProgressLine.counted("verifying", 50, 200, "", 5.0))
        .isEqualTo("verifying: 50 of 200 files (25%), 10 files/s, ETA 15s");
    assertThat(ProgressLine.counted("verifying", 0, 0, "", 5.0)).isEqualTo("verifying: 0 files, 0 files/s");
  }
}
