package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.io.Reasons;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The one line a watch prints per committed batch: the time, how many files (or errors) went into the cache and
 * the first few paths, e.g. {@code 21:30:05 batch: 2 files into the cache: /in/a.png, /in/b.jpg}.
 */
final class BatchLine {
  /** Paths named in a line; a bigger batch says how many more it held. */
  static final int NAMED = 3;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private BatchLine() {}

  static String of(LocalTime time, String noun, List<String> paths) {
    int n = paths.size();
    String what = noun.equals("error") ? (n == 1 ? "1 error" : n + " errors") + " recorded (SELECT * FROM errors)"
        : (n == 1 ? "1 " + noun : n + " " + noun + "s") + " into the cache";
    StringBuilder line = new StringBuilder(TIME.format(time)).append(" batch: ").append(what).append(": ");
    for (int i = 0; i < Math.min(n, NAMED); i++) {
      line.append(i == 0 ? "" : ", ").append(Reasons.printable(paths.get(i)));
    }
    if (n > NAMED) {
      line.append(" and ").append(n - NAMED).append(" more");
    }
    return line.toString();
  }
}
