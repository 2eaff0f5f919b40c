package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.beam.PipelineCounters;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;

/**
 * Prints files matched / processed / errors and the rate while a pipeline runs, from Beam metrics:
 * one line rewritten in place on a terminal, a line every interval otherwise.
 */
final class ProgressReporter implements AutoCloseable {
  private final Thread thread;
  private volatile boolean running = true;

  ProgressReporter(PipelineResult result, PrintStream out, boolean terminal, long intervalMillis) {
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
          Map<String, Long> c = PipelineMetrics.counters(result, false);
          long processed = c.getOrDefault(PipelineCounters.INDEXED, 0L) + c.getOrDefault(PipelineCounters.ERRORS, 0L);
          double seconds = (System.nanoTime() - started) / 1e9;
          String line = String.format(Locale.ROOT, "matched %d  processed %d  errors %d  %.0f files/s",
              c.getOrDefault(PipelineCounters.MATCHED, 0L), processed,
              c.getOrDefault(PipelineCounters.ERRORS, 0L), processed / Math.max(seconds, 0.001));
          if (terminal) {
            out.print("\r" + line + "   ");
          } else {
            out.println(line);
          }
          out.flush();
          printed = true;
        } catch (RuntimeException e) {
          // metrics not available yet on this runner
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
