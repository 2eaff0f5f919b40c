package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.beam.PipelineCounters;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** Reads the pipeline's {@code alice} counters, summed over steps. */
final class PipelineMetrics {
  private PipelineMetrics() {}

  static Map<String, Long> counters(PipelineResult result, boolean committed) {
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.inNamespace(PipelineCounters.NAMESPACE))
        .build());
    Map<String, Long> totals = new HashMap<>();
    for (MetricResult<Long> counter : metrics.getCounters()) {
      long value;
      try {
        value = committed ? counter.getCommitted() : counter.getAttempted();
      } catch (UnsupportedOperationException e) { // runners without committed metrics
        value = counter.getAttempted();
      }
      totals.merge(counter.getName().getName(), value, Long::sum);
    }
    return totals;
  }
}
