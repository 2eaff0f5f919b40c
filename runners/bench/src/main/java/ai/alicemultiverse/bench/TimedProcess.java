package ai.alicemultiverse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Runs one command as a whole process and measures what a user would: wall time from start to
 * exit, the peak resident memory (Linux {@code VmHWM}, polled while it runs; 0 elsewhere) and the
 * CPU time it used on all cores (Linux; NaN elsewhere).
 */
final class TimedProcess {
  private static final long POLL_MILLIS = 20;

  private static final int ERROR_LINES = 20;

  /**
   * How a run went: {@code kept} are the lines of its stdout the caller asked to keep, {@code
   * errorTail} the last lines it wrote to stderr (progress and logs stay out of the report).
   */
  record Result(List<String> command, int exitCode, double seconds, long peakRssKb, double cpuSeconds,
      List<String> kept, List<String> errorTail) {}

  /** Clock ticks per second of {@code /proc} times: 100 on every Linux this runs on (USER_HZ). */
  private static final double TICKS_PER_SECOND = 100.0;
  private static final Path SELF_STAT = Path.of("/proc/self/stat");

  private TimedProcess() {}

  /** Runs {@code command}; its stdout goes to a file (not memory), read back for {@code keep}. */
  static Result run(List<String> command, Path workDir, Predicate<String> keep) throws IOException {
    Path stdout = Files.createTempFile("alice-bench-", ".out");
    Path stderr = Files.createTempFile("alice-bench-", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile());
      double childCpuBefore = reapedChildrenCpuSeconds();
      long started = System.nanoTime();
      Process process = builder.start();
      Path status = Path.of("/proc", Long.toString(process.pid()), "status");
      long peak = 0;
      try {
        while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          peak = Math.max(peak, highWaterMark(status));
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while running " + command.get(0), e);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      // waitFor returns once the child is reaped, so its CPU time (and its own children's) is counted by now
      double cpuSeconds = reapedChildrenCpuSeconds() - childCpuBefore;
      List<String> kept;
      try (Stream<String> lines = lenientLines(stdout)) {
        kept = lines.filter(keep).toList();
      }
      List<String> errors;
      try (Stream<String> lines = lenientLines(stderr)) {
        errors = lines.toList();
      }
      errors = errors.subList(Math.max(0, errors.size() - ERROR_LINES), errors.size());
      return new Result(command, process.exitValue(), seconds, peak, cpuSeconds, kept, errors);
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  /** The lines of a file as UTF-8, with undecodable bytes replaced rather than failing. */
  private static Stream<String> lenientLines(Path file) throws IOException {
    BufferedReader reader = new BufferedReader(
        new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
    return reader.lines().onClose(() -> {
      try {
        reader.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /**
   * User plus system CPU seconds of this JVM's children that have ended and been waited for (Linux
   * {@code cutime + cstime}): read before and after a run, the difference is that run's CPU on all
   * cores, exactly, with no polling. NaN without {@code /proc}.
   */
  static double reapedChildrenCpuSeconds() {
    try {
      String stat = Files.readString(SELF_STAT);
      // fields after the command name, which is in parentheses and may hold spaces: state is field 3
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[16 - 3]) + Long.parseLong(fields[17 - 3])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** VmHWM in kB, or 0 when the process is gone or the system has no /proc. */
  private static long highWaterMark(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException gone) {
      // exited between two polls: the last reading stands
    }
    return 0;
  }
}
