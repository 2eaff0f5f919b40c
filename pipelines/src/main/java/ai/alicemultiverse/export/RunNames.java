package ai.alicemultiverse.export;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Names of export runs: {@code run-20261126T101500Z-1a2b3c4d}. The UTC timestamp first makes the
 * names sort in time order (so pruning is a sort); the random suffix keeps two runs started in the
 * same second apart. A run being written is hidden: {@code .staging-<run>}.
 */
public final class RunNames {
  static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  static final Pattern PUBLISHED = Pattern.compile("run-\\d{8}T\\d{6}Z-[0-9a-f]{8}");
  static final String STAGING_PREFIX = ".staging-";
  static final String PRUNING_PREFIX = ".pruning-";

  /** The marker a reader checks: a run folder without it is not an export (yet). */
  public static final String SUCCESS = "_SUCCESS";
  public static final String MANIFEST = "manifest.json";
  /**
   * The newest-run pointer beside the runs: a small file (an object on S3 and GCS) holding the name
   * of the run published last, written after the run's {@code _SUCCESS}, so it never names a run
   * that is not complete. Each run is a full snapshot: a reader reads that one run.
   */
  public static final String LATEST = "LATEST";
  /** The Parquet files of a run live under this folder (hive partitions below it). */
  public static final String DATA = "data";

  private RunNames() {}

  public static String next(Instant startedAt) {
    return "run-" + STAMP.format(startedAt) + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static boolean isRun(String name) {
    return PUBLISHED.matcher(name).matches();
  }

  static String staging(String runId) {
    return STAGING_PREFIX + runId;
  }
}
