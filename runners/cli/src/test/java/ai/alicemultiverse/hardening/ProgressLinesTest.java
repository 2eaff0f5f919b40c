package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real rebuild's progress lines (printed every 20 ms here) name their phase, and once they give a percentage it
 * is of the true number of media files under the roots (8 in the samples, the truncated JPEG included): never of a
 * count still growing while a folder is listed.
 */
@Timeout(300)
class ProgressLinesTest {
  private static final Pattern LINE = Pattern.compile("^(listing|reading|finishing): .*");
  private static final Pattern COUNT = Pattern.compile(" (?:of|all) (\\d+) files .*\\((\\d+)%\\)");

  @TempDir Path work;

  @Test
  void percentagesAreOfEveryMediaFileUnderTheRoots() throws Exception {
    Path log = work.resolve("rebuild.log");
    Process rebuild = AliceProcess.start(List.of("rebuild", HardeningCorpus.samples().toAbsolutePath().toString(),
        "--cache", work.resolve("alice.duckdb").toString()), log, "-Dalice.progress.millis=20");
    assertThat(rebuild.waitFor(3, TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(log);
    assertThat(rebuild.exitValue()).as(output).isZero();

    List<String> progress = output.lines().filter(l -> LINE.matcher(l).matches()).toList();
    assertThat(progress).as(output).isNotEmpty();
    int withPercentage = 0;
    for (String line : progress) {
      Matcher count = COUNT.matcher(line);
      if (count.find()) {
        withPercentage++;
        assertThat(count.group(1)).as(line).isEqualTo("8");
        assertThat(Integer.parseInt(count.group(2))).as(line).isBetween(0, 100);
      } else {
        assertThat(line).as("a line without a percentage is a listing line").startsWith("listing: ");
      }
    }
    assertThat(withPercentage).as("lines with a percentage in " + progress).isPositive();
  }
}
