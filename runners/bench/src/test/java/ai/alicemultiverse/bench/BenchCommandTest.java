package ai.alicemultiverse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alice bench} end to end on a tiny corpus: the rebuilds run as child JVMs on this class
 * path, every run reads every file, and the ratio line closes the report. Timings are not checked.
 *
 * <p>Two rebuild processes cost 25-45 s on a 2-core machine, too slow for every build: run it with
 * {@code -Dalice.bench.smoke=true}.
 */
@EnabledIfSystemProperty(named = "alice.bench.smoke", matches = "true")
class BenchCommandTest {
  @TempDir Path work;

  @Test
  void benchRunsEveryToolAndEndsWithTheRatioLine() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    int exit;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      exit = AliceBench.commandLine().execute("bench", "--files", "1", "--scale", "0.02",
          "--dir", work.toString());
    } finally {
      System.setOut(stdout);
    }
    String report = captured.toString(StandardCharsets.UTF_8);
    stdout.print(report);
    List<String> lines = report.lines().toList();

    assertThat(exit).as(report).isZero();
    assertThat(report).contains("corpus: 8 files (1 of each format), 8 with alice metadata")
        .doesNotContain("FAILED");
    assertThat(lines).anyMatch(l -> l.startsWith("alice rebuild (fast path) "))
        .anyMatch(l -> l.startsWith("alice rebuild --verify "));
    boolean exiftool = Bench.findOnPath("exiftool").isPresent();
    assertThat(lines.get(lines.size() - 2)).matches(exiftool
        ? "cpu fast_vs_exiftool_fast2=\\d+\\.\\d verify_vs_exiftool=\\d+\\.\\d cores=\\d+"
        : "cpu fast_vs_exiftool_fast2=n/a verify_vs_exiftool=n/a cores=\\d+");
    for (String run : List.of("alice rebuild (fast path) ", "alice rebuild --verify ")) {
      String row = lines.stream().filter(l -> l.startsWith(run)).findFirst().orElseThrow();
      double cpuSeconds = Double.parseDouble(row.substring(run.length()).trim().split("\\s+")[1]);
      assertThat(cpuSeconds).as(row).isGreaterThan(1.0); // a JVM rebuild costs seconds of CPU, never none
    }
    assertThat(lines.get(lines.size() - 1)).matches(exiftool
        ? "ratio fast_vs_exiftool_fast2=\\d+\\.\\d verify_vs_exiftool=\\d+\\.\\d"
        : "ratio fast_vs_exiftool_fast2=n/a verify_vs_exiftool=n/a");
    assertThat(work.resolve("bench.duckdb")).isRegularFile(); // --dir keeps what it made
  }
}
