package ai.alicemultiverse.pipelines;

import java.io.PrintStream;
import java.util.function.DoubleFunction;
import org.apache.beam.sdk.PipelineResult;

/**
 * Prints how far long work is while it runs: one line rewritten in place on a terminal, a line
 * every interval otherwise.
 */
public final class ProgressReporter implements AutoCloseable {
  private final Thread thread;
  private volatile boolean running = true;

  /** The phase, files read of those listed, a percentage and ETA once known ({@link ProgressLine}), from Beam metrics. */
  ProgressReporter(PipelineResult result, int roots, PrintStream out, boolean terminal, long intervalMillis) {
    this(seconds -> ProgressLine.of(PipelineMetrics.counters(result, false), roots, seconds),
        out, terminal, intervalMillis);
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
