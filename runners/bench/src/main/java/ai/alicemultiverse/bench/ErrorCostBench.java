package ai.alicemultiverse.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file the rebuild cannot read costs against one it indexes: N unreadable 13-byte {@code *.jpg}
 * files and N small valid JPEGs, each set rebuilt into its own cache by a whole {@code alice rebuild}
 * process, alternating, after one warm-up run of each. The ratio is the best junk time over the best
 * valid time; an error row should cost no more than an indexed file (target: at most 1.2).
 */
final class ErrorCostBench {
  /** 13 bytes that no codec recognises, named like a JPEG: what a broken download or a stray text file is. */
  static final byte[] JUNK = "not an image\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final Pattern SUMMARY =
      Pattern.compile("matched (\\d+) files, indexed (\\d+), (\\d+) unique content hashes, (\\d+) errors");

  private ErrorCostBench() {}

  /** Returns false when a rebuild failed or did not see every file as expected. */
  static boolean run(Path work, int files, int rounds, List<String> beamArgs, PrintStream out) throws IOException {
    Path junk = work.resolve("junk");
    Path valid = work.resolve("valid");
    write(junk, valid, files);
    out.println(String.format(Locale.ROOT, "corpus: %d unreadable 13-byte *.jpg in %s, %d valid JPEGs in %s",
        files, junk, files, valid));
    double bestJunk = Double.MAX_VALUE;
    double bestValid = Double.MAX_VALUE;
    for (int round = 0; round <= rounds; round++) {
      String label = round == 0 ? "warm-up" : "round " + round;
      Double v = rebuild(valid, work.resolve("valid.duckdb"), beamArgs, files, 0);
      Double j = rebuild(junk, work.resolve("junk.duckdb"), beamArgs, 0, files);
      if (v == null || j == null) {
        out.println(label + ": a rebuild failed or did not report every file as expected");
        return false;
      }
      out.println(String.format(Locale.ROOT, "%-8s valid %7.2f s   junk %7.2f s", label, v, j));
      if (round > 0) {
        bestValid = Math.min(bestValid, v);
        bestJunk = Math.min(bestJunk, j);
      }
    }
    out.println(String.format(Locale.ROOT, "best: valid %.2f s (%.1f ms/file), junk %.2f s (%.1f ms/file)",
        bestValid, bestValid * 1000 / files, bestJunk, bestJunk * 1000 / files));
    out.println(String.format(Locale.ROOT, "ratio junk_vs_valid=%.2f", bestJunk / bestValid));
    return true;
  }

  /** Seconds of one rebuild process, or null when it failed or its counts were not {@code indexed}/{@code errors}. */
  private static Double rebuild(Path folder, Path cache, List<String> beamArgs, int indexed, int errors)
      throws IOException {
    List<String> command = new ArrayList<>(Bench.javaCommand());
    command.addAll(List.of("ai.alicemultiverse.cli.AliceCommand", "rebuild", folder.toString(),
        "--cache", cache.toString()));
    command.addAll(beamArgs);
    TimedProcess.Result result =
        TimedProcess.run(command, Path.of("").toAbsolutePath(), line -> SUMMARY.matcher(line).find());
    if (result.exitCode() != 0 || result.kept().isEmpty()) {
      return null;
    }
    Matcher m = SUMMARY.matcher(result.kept().get(0));
    if (!m.find() || Integer.parseInt(m.group(2)) != indexed || Integer.parseInt(m.group(4)) != errors) {
      return null;
    }
    return result.seconds();
  }

  /** The two folders, made once: a later bench in the same folder with the same count reuses them. */
  private static void write(Path junk, Path valid, int files) throws IOException {
    Files.createDirectories(junk);
    Files.createDirectories(valid);
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < files; i++) {
      Path broken = junk.resolve(String.format(Locale.ROOT, "junk-%05d.jpg", i));
      if (!Files.exists(broken)) {
        Files.write(broken, JUNK);
      }
      Path image = valid.resolve(String.format(Locale.ROOT, "valid-%05d.jpg", i));
      if (!Files.exists(image)) {
        Files.write(image, SyntheticImages.jpeg(4_000, random));
      }
    }
  }
}
