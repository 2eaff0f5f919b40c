package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.cache.LoadSteps;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a job's wall time goes, phase by phase, from the JVM's start (its start-up is the first phase):
 * logged at debug at the end ({@code -Dorg.slf4j.simpleLogger.log.ai.alicemultiverse.pipelines=debug}), so a
 * slow run says which phase is slow without a profiler.
 */
final class PhaseClock {
  private static final Logger LOG = LoggerFactory.getLogger(PhaseClock.class);

  private record Phase(String name, double seconds) {}

  private final String job;
  private final List<Phase> phases = new ArrayList<>();
  private long last;

  private PhaseClock(String job, long startMillis) {
    this.job = job;
    this.last = startMillis;
  }

  /** A clock whose first phase, "start-up", runs from the JVM's start until now. */
  static PhaseClock sinceJvmStart(String job) {
    PhaseClock clock = new PhaseClock(job, ManagementFactory.getRuntimeMXBean().getStartTime());
    clock.lap("start-up");
    return clock;
  }

  /** Ends the phase {@code name} now. */
  void lap(String name) {
    long now = System.currentTimeMillis();
    phases.add(new Phase(name, (now - last) / 1000.0));
    last = now;
  }

  /** The cache's load statements as phases of their own, ending now. */
  void steps(List<LoadSteps.Step> steps) {
    steps.forEach(step -> phases.add(new Phase("load: " + step.name(), step.seconds())));
    last = System.currentTimeMillis();
  }

  /** "start-up 1.2 s, pipeline 3.4 s, ..." */
  String describe() {
    return job + " phases: " + phases.stream()
        .map(p -> String.format(Locale.ROOT, "%s %.2f s", p.name(), p.seconds()))
        .collect(Collectors.joining(", "));
  }

  void log() {
    LOG.debug(describe());
  }
}
