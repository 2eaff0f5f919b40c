package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.beam.PipelineCounters;
import java.util.Locale;
import java.util.Map;

/**
 * The text of a batch job's progress line, from its counters: the phase first, then a percentage and an ETA once
 * the number of files to read is known (every root listed), e.g.
 * {@code reading: 1200 of 5000 files (24%), 0 errors, 400 files/s, ETA 10s}.
 */
public final class ProgressLine {
  private ProgressLine() {}

  /**
   * @param roots the root patterns the job lists (listing is done when all are split and no listing is open)
   * @param seconds since the job started
   */
  static String of(Map<String, Long> c, int roots, double seconds) {
    long errors = c.getOrDefault(PipelineCounters.ERRORS, 0L);
    long read = c.getOrDefault(PipelineCounters.INDEXED, 0L) + c.getOrDefault(PipelineCounters.REUSED, 0L)
        + errors - c.getOrDefault(PipelineCounters.FOLDERS_UNREADABLE, 0L);
    double rate = read / Math.max(seconds, 0.001);
    boolean listed = c.getOrDefault(PipelineCounters.ROOTS_SPLIT, 0L) >= roots
        && c.getOrDefault(PipelineCounters.LISTINGS_OPEN, 0L) <= 0;
    long total = c.getOrDefault(PipelineCounters.MEDIA_LISTED, 0L);
    if (!listed) {
      return String.format(Locale.ROOT, "listing: %d files found, %d read, %d errors, %.0f files/s",
          total, read, errors, rate);
    }
    if (read >= total) {
      return String.format(Locale.ROOT, "finishing: all %d files read (100%%), %d errors", total, errors);
    }
    return counted("reading", read, total, errors + " errors, ", seconds);
  }

  /**
   * {@code PHASE: DONE of TOTAL files (P%), DETAILS N files/s, ETA T}, the ETA from the average rate so far.
   *
   * @param details text after the percentage, e.g. {@code "3 errors, "}, or ""
   */
  public static String counted(String phase, long done, long total, String details, double seconds) {
    double rate = done / Math.max(seconds, 0.001);
    if (total <= 0) { // nothing counted yet
      return String.format(Locale.ROOT, "%s: %d files, %s%.0f files/s", phase, done, details, rate);
    }
    long percent = Math.min(100, done * 100 / total);
    String eta = done == 0 || done >= total ? "" : ", ETA " + duration((total - done) / rate);
    return String.format(Locale.ROOT, "%s: %d of %d files (%d%%), %s%.0f files/s%s",
        phase, done, total, percent, details, rate, eta);
  }

  /** 45s, 3m05s, 2h04m. */
  static String duration(double seconds) {
    long s = (long) Math.ceil(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
  }
}
