package ai.alicemultiverse.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.beam.PipelineCounters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;

/** The progress line reports from Beam's metrics while a real DirectRunner pipeline still runs. */
class ProgressReporterTest {
  /** Counts each element as indexed, slowly enough for the reporter to look in several times. */
  static class SlowIndexFn extends DoFn<Integer, Integer> {
    private final Counter indexed = Metrics.counter(PipelineCounters.NAMESPACE, PipelineCounters.INDEXED);

    @ProcessElement
    public void processElement(@Element Integer i, OutputReceiver<Integer> out) throws InterruptedException {
      Thread.sleep(40);
      indexed.inc();
      out.output(i);
    }
  }

  @Test
  void linesAppearWhileTheRebuildOptionsLetThePipelineRun() throws Exception {
    // the options the command line makes: run() must return before the pipeline is done
    PipelineOptions options = ai.alicemultiverse.cli.BeamArgs.parse(List.of("--runner=DirectRunner"));
    Pipeline pipeline = Pipeline.create(options);
    pipeline.apply(Create.of(IntStream.range(0, 60).boxed().toList())).apply(ParDo.of(new SlowIndexFn()));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    PipelineResult result = pipeline.run();
    boolean runningAfterRun = result.getState() == PipelineResult.State.RUNNING;
    try (ProgressReporter ignored = new ProgressReporter(result, 1,
        new PrintStream(printed, true, StandardCharsets.UTF_8), false, 100)) {
      result.waitUntilFinish();
    }

    assertThat(runningAfterRun).isTrue();
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    // no listing step in this pipeline: the count of files is never known, so no percentage
    assertThat(lines).isNotEmpty().allMatch(l -> l.matches("listing: 0 files found, \\d+ read, 0 errors, \\d+ files/s"));
    assertThat(lines.get(0)).doesNotContain(" 60 read"); // seen before the end
  }
}
