package ai.alicemultiverse.beam;

import ai.alicemultiverse.model.MediaFiles;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The kinds of files a run leaves out (neither media nor alice's own), as counted under {@link
 * PipelineCounters#SKIPPED_KIND_PREFIX}: the file's extension, so a user sees at once what was not
 * indexed ("txt 3, psd 1"). An extension that does not look like one (long, or not letters and digits)
 * is counted as {@link #OTHER}, so a tree of odd names cannot make a counter per file.
 */
public final class SkippedKinds {
  public static final String OTHER = "(other)";
  private static final int MAX_LENGTH = 10;

  private SkippedKinds() {}

  /** The kind {@code path} is counted under. */
  public static String of(String path) {
    String kind = MediaFiles.kindOf(path);
    if (kind.equals(MediaFiles.NO_EXTENSION)) {
      return kind;
    }
    return kind.length() <= MAX_LENGTH && kind.matches("[a-z0-9_+-]+") ? kind : OTHER;
  }

  /** The per-kind counts among a run's {@code counters}, by kind. */
  public static SortedMap<String, Long> from(Map<String, Long> counters) {
    SortedMap<String, Long> kinds = new TreeMap<>();
    counters.forEach((name, count) -> {
      if (name.startsWith(PipelineCounters.SKIPPED_KIND_PREFIX) && count > 0) {
        kinds.put(name.substring(PipelineCounters.SKIPPED_KIND_PREFIX.length()), count);
      }
    });
    return kinds;
  }
}
