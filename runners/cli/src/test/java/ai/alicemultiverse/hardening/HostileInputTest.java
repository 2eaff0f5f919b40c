package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile-input campaign: mutants of every format (truncated, bytes changed, sizes that lie, huge declared
 * lengths, deep nesting and loops, XMP structures repeated thousands of times, junk spliced in).
 *
 * <p>Codecs: every operation on every mutant succeeds or throws an IOException, in a child JVM with a 128 MB
 * heap and a per-mutant timeout (so an allocation driven by a declared length, a hang or a stack overflow is
 * a failure). Short: 1,000 mutants; full ({@code -Pcampaigns} or {@code -Dalice.campaign=full}): 20,000; or
 * {@code -Dalice.campaign.mutants=N}. Rebuild: a folder of mutants (short 150, full 10,000, or
 * {@code -Dalice.campaign.folder=N}) is rebuilt; the job finishes and every file is indexed or an error row.
 */
class HostileInputTest {
  @TempDir Path work;

  @Test
  @Timeout(value = 3, unit = TimeUnit.HOURS)
  void everyCodecOperationOnEveryMutantSucceedsOrThrowsAnIOException() throws Exception {
    int mutants = Campaign.size("mutants", 1_000, 20_000);
    Path log = work.resolve("campaign.log");
    Path failed = work.resolve("failed");
    Process child = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m", "-XX:+UseSerialGC",
            "-Dalice.vectors=" + HardeningCorpus.vectors(), "-Dalice.samples=" + HardeningCorpus.samples(),
            "-cp", System.getProperty("java.class.path"),
            MutationCampaign.class.getName(),
            Long.toString(Campaign.seed()), "0", Integer.toString(mutants), failed.toString(), "20")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    assertThat(child.waitFor(3, TimeUnit.HOURS)).isTrue();
    List<String> lines = Files.readAllLines(log);
    List<String> failures = lines.stream().filter(l -> l.startsWith("FAIL ")).toList();
    String summary = lines.stream().filter(l -> l.startsWith("SUMMARY ")).findFirst().orElse("(no summary)");
    System.out.println("hostile input, codecs: " + summary);
    failures.forEach(System.out::println);
    assertThat(failures).as("mutants saved in " + failed).isEmpty();
    assertThat(child.exitValue()).as(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())))
        .isZero();
    assertThat(summary).contains("mutants=" + mutants, "failures=0");
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.HOURS)
  void rebuildOverAFolderOfMutantsFinishesWithEveryFailureInTheErrorsTable() throws Exception {
    int count = Campaign.size("folder", 150, 10_000);
    Mutator mutator = new Mutator(originals(), Campaign.seed() + 1);
    Path root = Files.createDirectories(work.resolve("mutants"));
    Set<String> written = new HashSet<>();
    for (int i = 0; i < count; i++) {
      Mutator.Mutant m = mutator.mutant(i);
      Path file = root.resolve("mutant-" + i + "." + m.extension());
      Files.write(file, m.bytes());
      written.add(file.toString());
    }
    Path cache = work.resolve("cache/alice.duckdb");
    RebuildPipeline.run(new RebuildConfig(List.of(root.toString()), cache, RebuildConfig.defaultParquetDir(cache), false),
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--targetParallelism=2").create(),
        new PrintStream(PrintStream.nullOutputStream()));

    Set<String> indexed = column(cache, "SELECT path FROM locations");
    Set<String> errors = column(cache, "SELECT path FROM errors WHERE stage = 'extract'");
    Set<String> blankReasons = column(cache, "SELECT path FROM errors WHERE reason IS NULL OR trim(reason) = ''");
    System.out.printf("hostile input, rebuild: %d mutants, %d indexed, %d error rows%n", count, indexed.size(),
        errors.size());
    assertThat(blankReasons).isEmpty();
    assertThat(indexed).doesNotContainAnyElementsOf(errors);
    Set<String> accounted = new HashSet<>(indexed);
    accounted.addAll(errors);
    assertThat(accounted).isEqualTo(written);
    assertThat(errors).isNotEmpty();
    assertThat(indexed).isNotEmpty();
  }

  static List<Mutator.Original> originals() throws IOException {
    List<Mutator.Original> all = new ArrayList<>();
    for (Path p : HardeningCorpus.originals()) {
      all.add(new Mutator.Original(p.getFileName().toString(), HardeningCorpus.extension(p), Files.readAllBytes(p)));
    }
    return all;
  }

  static Set<String> column(Path cache, String query) throws SQLException {
    Set<String> values = new HashSet<>();
    java.util.Properties readOnly = new java.util.Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + cache, readOnly);
        Statement sql = db.createStatement();
        ResultSet rows = sql.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
