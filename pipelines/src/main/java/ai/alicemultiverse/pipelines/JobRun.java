package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.beam.PipelineCounters;
import ai.alicemultiverse.beam.SkippedKinds;
import ai.alicemultiverse.cache.RunInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The skeleton the batch jobs (rebuild, scan, ingest) share once their steps are built: run the pipeline with
 * a progress line until it ends, read its committed {@code alice} counters, and turn them into the
 * {@link RunInfo} the cache records. What each job does before and after stays in its own class.
 */
final class JobRun {
  /** How often the progress line is printed; {@code -Dalice.progress.millis} changes it (tests, slow logs). */
  private static final long PROGRESS_INTERVAL_MILLIS = Long.getLong("alice.progress.millis", 2000);

  private final Map<String, Long> counters;
  private final String runner;

  private JobRun(Map<String, Long> counters, String runner) {
    this.counters = counters;
    this.runner = runner;
  }

  /**
   * Runs {@code pipeline} to its end, reporting progress on {@code progress}.
   *
   * @param job the job's name for the message when the pipeline ends in any state but done
   * @param roots the number of root patterns the pipeline lists (for the progress line's percentage)
   */
  static JobRun complete(String job, Pipeline pipeline, PipelineOptions options, PrintStream progress, int roots)
      throws IOException {
    PipelineResult result = pipeline.run();
    try (ProgressReporter ignored =
        new ProgressReporter(result, roots, progress, System.console() != null, PROGRESS_INTERVAL_MILLIS)) {
      PipelineResult.State state = result.waitUntilFinish();
      if (state != PipelineResult.State.DONE) {
        throw new IOException("the " + job + " pipeline ended in state " + state);
      }
    }
    return new JobRun(PipelineMetrics.counters(result, true), options.getRunner().getSimpleName());
  }

  /** A counter of {@link PipelineCounters} (or a job's own), 0 when nothing counted it. */
  long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /** The run as the cache's {@code runs} table records it, finished now: a full one. */
  RunInfo runInfo(String runId, Instant started, List<String> roots) {
    return runInfo(runId, started, roots, RunInfo.FULL);
  }

  /**
   * The run as the cache's {@code runs} table records it, finished now. Reused files count as indexed;
   * every other matched file was opened.
   */
  RunInfo runInfo(String runId, Instant started, List<String> roots, String kind) {
    long reused = counter(PipelineCounters.REUSED);
    return new RunInfo(runId, started, Instant.now(), roots, runner, counter(PipelineCounters.MATCHED),
        counter(PipelineCounters.INDEXED) + reused, counter(PipelineCounters.UNIQUE), counter(PipelineCounters.ERRORS),
        kind, counter(PipelineCounters.MATCHED) - reused, reused, SkippedKinds.from(counters));
  }

  /** Seconds since {@code started}, to the millisecond, as the summaries report them. */
  static double secondsSince(Instant started) {
    return (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0;
  }
}
