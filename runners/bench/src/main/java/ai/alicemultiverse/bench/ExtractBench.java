package ai.alicemultiverse.bench;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.extract.TikaExtractor;
import ai.alicemultiverse.media.Inspection;
import ai.alicemultiverse.media.MediaInspector;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The rebuild's per-file work on one thread, without Beam, start-up or the cache load: the calls
 * {@code ExtractMediaFn} makes for each file (inspect the container, read the embedded metadata and
 * the content hash, extract standard fields with Tika), pass after pass over the same files. The
 * first pass pays for class loading and the JIT; the last shows what a file costs once the code is
 * compiled, the floor under any rebuild's CPU per file.
 */
public final class ExtractBench {
  private ExtractBench() {}

  /** One pass: files read, errors, wall and thread CPU seconds, and the CPU split between the two steps. */
  public record Pass(int files, int errors, double seconds, double cpuSeconds, double inspectSeconds,
      double tikaSeconds) {
    double cpuMillisPerFile() {
      return cpuSeconds * 1000 / files;
    }
  }

  /** Runs {@code passes} passes over the media files under {@code roots} and prints one line each. */
  public static List<Pass> run(List<Path> roots, int passes, boolean verify, PrintStream out) throws IOException {
    List<Path> files = HashBench.mediaFiles(roots);
    out.printf(Locale.ROOT, "files: %d, one thread, %s%n", files.size(),
        verify ? "every content hash computed (--verify)" : "embedded content hashes trusted (fast path)");
    List<Pass> done = new java.util.ArrayList<>();
    for (int p = 1; p <= passes; p++) {
      Pass pass = pass(files, verify);
      done.add(pass);
      out.printf(Locale.ROOT, "pass %d: %.1f s, %.1f CPU s, %.3f CPU ms/file (inspect %.3f, Tika %.3f), errors: %d%n",
          p, pass.seconds(), pass.cpuSeconds(), pass.cpuMillisPerFile(), pass.inspectSeconds() * 1000 / pass.files(),
          pass.tikaSeconds() * 1000 / pass.files(), pass.errors());
    }
    out.printf(Locale.ROOT, "warm cpu_ms_per_file=%.3f%n", done.get(done.size() - 1).cpuMillisPerFile());
    return done;
  }

  static Pass pass(List<Path> files, boolean verify) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long inspectNanos = 0;
    long tikaNanos = 0;
    int errors = 0;
    for (Path file : files) {
      try (MediaSource source = ChannelMediaSource.open(file)) {
        long t0 = threads.getCurrentThreadCpuTime();
        Inspection seen = MediaInspector.inspect(source, verify);
        if (seen.metadata() != null) {
          seen.metadata().toJson();
        }
        long t1 = threads.getCurrentThreadCpuTime();
        TikaExtractor.extract(source, seen.format()).metadata();
        inspectNanos += t1 - t0;
        tikaNanos += threads.getCurrentThreadCpuTime() - t1;
      } catch (IOException | RuntimeException e) {
        errors++; // the rebuild records these as errors; here they only count
      }
    }
    return new Pass(files.size(), errors, (System.nanoTime() - start) / 1e9,
        (threads.getCurrentThreadCpuTime() - cpu0) / 1e9, inspectNanos / 1e9, tikaNanos / 1e9);
  }
}
