package ai.alicemultiverse.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Times the rebuild (fast path and {@code --verify}) and ExifTool over one corpus, each as a whole
 * process started the way a user starts it, then an incremental re-run over the unchanged corpus and one
 * after 1% of its files changed ({@link OnePercentChanged}), and prints the figures.
 */
public final class Bench {
  private static final Pattern SUMMARY =
      Pattern.compile("matched (\\d+) files, indexed (\\d+), (\\d+) unique content hashes, (\\d+) errors");

  private final BenchCorpus.Corpus corpus;
  private final Path workDir;
  private final List<String> beamArgs;
  private final PrintStream out;

  /**
   * @param workDir where the rebuilds put their cache and Parquet hand-off
   * @param beamArgs Beam options for the rebuilds ({@code --runner=...}), may be empty
   */
  public Bench(BenchCorpus.Corpus corpus, Path workDir, List<String> beamArgs, PrintStream out) {
    this.corpus = corpus;
    this.workDir = workDir;
    this.beamArgs = List.copyOf(beamArgs);
    this.out = out;
  }

  /** Runs everything and prints the table and the ratio line; false when a run failed. */
  public boolean run() throws IOException {
    out.println("reading every file once, so that every run finds the files in the page cache ...");
    warmPageCache();
    Optional<String> exiftool = findOnPath("exiftool");
    List<Row> rows = new ArrayList<>();
    // --full: a cache left by an earlier bench would otherwise make the first run an incremental one
    Row fast = rebuild("alice rebuild --full (fast path)", List.of("--full"), corpus.files());
    Row verify = rebuild("alice rebuild --verify", List.of("--verify"), corpus.files());
    Row fast2 = null;
    Row full = null;
    if (exiftool.isPresent()) {
      fast2 = exiftool(exiftool.get(), "exiftool -fast2 -XMP:all -j -r", List.of("-fast2", "-XMP:all"));
      full = exiftool(exiftool.get(), "exiftool -j -r", List.of());
    }
    Row rerun = rebuild("alice rebuild (unchanged re-run)", List.of(), corpus.files());
    Row changed;
    try (OnePercentChanged change = OnePercentChanged.apply(corpus.dir(), out)) {
      changed = rebuild("alice rebuild (1% changed)", List.of(), corpus.files() + change.added());
    }
    rows.add(fast);
    rows.add(verify);
    if (fast2 != null) {
      rows.add(fast2);
      rows.add(full);
    }
    rows.add(rerun);
    rows.add(changed);
    print(rows);
    for (Row row : rows) {
      if (!row.ok() && !row.result().errorTail().isEmpty()) {
        out.println();
        out.println(row.label() + " failed; the end of what it printed on stderr:");
        row.result().errorTail().forEach(line -> out.println("  " + line));
      }
    }
    if (exiftool.isEmpty()) {
      out.println("exiftool: not installed, so there is nothing to compare with"
          + " (Debian/Ubuntu: apt-get install libimage-exiftool-perl)");
    }
    // CPU on all cores, theirs over ours: what the time ratio would be if both ran on one core. ExifTool
    // uses one core, so on N cores the time ratio can reach about N times this, never more.
    out.println("cpu fast_vs_exiftool_fast2=" + cpuRatio(fast2, fast) + " verify_vs_exiftool=" + cpuRatio(full, verify)
        + " cores=" + Runtime.getRuntime().availableProcessors());
    out.println("ratio fast_vs_exiftool_fast2=" + ratio(fast2, fast) + " verify_vs_exiftool=" + ratio(full, verify));
    out.println("ratio rerun_vs_exiftool_fast2=" + ratio(fast2, rerun) + " changed1pct_vs_exiftool_fast2="
        + ratio(fast2, changed));
    return rows.stream().allMatch(Row::ok);
  }

  /** One timed run: what ran, how long it took, whether it read every file. */
  record Row(String label, TimedProcess.Result result, String problem) {
    boolean ok() {
      return problem == null;
    }
  }

  /** One rebuild of the corpus into the bench's cache, which must index {@code files} without an error. */
  private Row rebuild(String label, List<String> flags, long files) throws IOException {
    List<String> command = new ArrayList<>(javaCommand());
    command.addAll(List.of("ai.alicemultiverse.cli.AliceCommand", "rebuild", corpus.dir().toString(),
        "--cache", workDir.resolve("bench.duckdb").toString()));
    command.addAll(flags);
    command.addAll(beamArgs);
    out.println("running " + label + " ...");
    TimedProcess.Result result = TimedProcess.run(command, Path.of("").toAbsolutePath(), line -> SUMMARY.matcher(line).find());
    String problem = null;
    if (result.exitCode() != 0) {
      problem = "exit code " + result.exitCode();
    } else {
      Matcher m = result.kept().isEmpty() ? null : SUMMARY.matcher(result.kept().get(0));
      if (m == null || !m.find()) {
        problem = "printed no summary";
      } else if (Long.parseLong(m.group(2)) != files || Long.parseLong(m.group(4)) != 0) {
        problem = "indexed " + m.group(2) + " of " + files + " files with " + m.group(4) + " errors";
      }
    }
    return new Row(label, result, problem);
  }

  private Row exiftool(String exiftool, String label, List<String> options) throws IOException {
    List<String> command = new ArrayList<>(List.of(exiftool));
    command.addAll(options);
    command.addAll(List.of("-j", "-r", corpus.dir().toString()));
    out.println("running " + label + " ...");
    TimedProcess.Result result = TimedProcess.run(command, Path.of("").toAbsolutePath(),
        line -> line.contains("\"SourceFile\":"));
    // ExifTool exits 1 when it had a problem with any file; every file must still be in its output.
    String problem = result.kept().size() == corpus.files() ? null
        : "reported " + result.kept().size() + " of " + corpus.files() + " files (exit code " + result.exitCode() + ")";
    return new Row(label, result, problem);
  }

  /** JVM options a rebuild child takes from this JVM: heap, class-data archive, JIT settings. */
  private static final List<String> INHERITED = List.of("-Xmx", "-Xms", "-XX:MaxRAMPercentage=",
      "-XX:SharedArchiveFile=", "-Xshare:", "-Xlog:cds", "-XX:Tier", "-XX:TieredStopAtLevel=",
      "-XX:FreqInlineSize=", "-XX:MaxInlineLevel=", "-XX:InlineSmallCode=");

  /**
   * The child JVM: this one's java, heap, class-data archive and JIT settings (the launcher's), and the
   * product jar the launcher names (else this class path), so it runs the same alice started the same way.
   */
  static List<String> javaCommand() {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>(List.of(java));
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (INHERITED.stream().anyMatch(arg::startsWith)) {
        command.add(arg);
      }
    }
    command.addAll(List.of("-cp", System.getProperty("alice.product.jar", System.getProperty("java.class.path"))));
    return command;
  }

  /** Reads every file once, so no run pays for the disk and every run sees the same cache. */
  private void warmPageCache() throws IOException {
    byte[] buffer = new byte[1 << 20];
    try (Stream<Path> files = Files.walk(corpus.dir())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          while (in.read(buffer) >= 0) {
            // reading is the point
          }
        }
      }
    }
  }

  private void print(List<Row> rows) {
    out.println();
    out.println(String.format(Locale.ROOT, "%-34s %9s %9s %10s %9s %10s", "run", "seconds", "CPU s", "files/s", "MB/s",
        "peak RSS"));
    for (Row row : rows) {
      TimedProcess.Result r = row.result();
      out.println(String.format(Locale.ROOT, "%-34s %9.2f %9.1f %10.1f %9.1f %10s%s", row.label(), r.seconds(),
          r.cpuSeconds(), corpus.files() / r.seconds(), corpus.megabytes() / r.seconds(),
          r.peakRssKb() > 0 ? (r.peakRssKb() / 1024) + " MB" : "n/a",
          row.ok() ? "" : "   FAILED: " + row.problem()));
    }
  }

  /** How many times faster {@code ours} was than {@code theirs}: their seconds over ours. */
  static String ratio(Row theirs, Row ours) {
    if (theirs == null || !theirs.ok() || !ours.ok()) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.1f", theirs.result().seconds() / ours.result().seconds());
  }

  /** How many times less CPU {@code ours} used than {@code theirs}, on all cores. */
  static String cpuRatio(Row theirs, Row ours) {
    if (theirs == null || !theirs.ok() || !ours.ok() || !(ours.result().cpuSeconds() > 0)
        || Double.isNaN(theirs.result().cpuSeconds())) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.1f", theirs.result().cpuSeconds() / ours.result().cpuSeconds());
  }

  static Optional<String> findOnPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }
}
