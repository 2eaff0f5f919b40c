package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.beam.PipelineCounters;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.apache.beam.sdk.PipelineResult;

/**
 * Prints how far long work is while it runs: one line rewritten in place on a terminal, a line
 * every interval otherwise.
 */
public final class ProgressReporter implements AutoCloseable {
  private final Thread thread;
  private volatile boolean running = true;

  /** Files matched / processed / errors and the rate while a pipeline runs, from Beam metrics. */
  ProgressReporter(PipelineResult result, PrintStream out, boolean terminal, long intervalMillis) {
    this(seconds -> {
      Map<String, Long> c = PipelineMetrics.counters(result, false);
      long processed = c.getOrDefault(PipelineCounters.INDEXED, 0L) + c.getOrDefault(PipelineCounters.ERRORS, 0L);
      return String.format(Locale.ROOT, "matched %d  processed %d  errors %d  %.0f files/s",
          c.getOrDefault(PipelineCounters.MATCHED, 0L), processed,
          c.getOrDefault(PipelineCounters.ERRORS, 0L), processed / Math.max(seconds, 0.001));
    }, out, terminal, intervalMillis);
  }

  /**
   * @param line the line to show, given the seconds since the start; it may throw while there is
   *     nothing to tell yet
   */
  public ProgressReporter(DoubleFunction<String> line, PrintStream out, boolean terminal, long intervalMillis) {
    long started = System.nanoTime();
    thread = new Thread(() -> {
      boolean printed = false;
      while (running) {
        try {
          Thread.sleep(intervalMillis);
        } catch (InterruptedException e) {
          break;
        }
        if (!running) {
          break;
        }
        try {
          String text = line.apply((System.nanoTime() - started) / 1e9);
          if (terminal) {
            out.print("\r" + text + "   ");
          } else {
            out.println(text);
          }
          out.flush();
          printed = true;
        } catch (RuntimeException e) {
          // nothing to tell yet (a runner's metrics before it starts)
        }
      }
      if (terminal && printed) {
        out.println();
      }
    }, "alice-progress");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
