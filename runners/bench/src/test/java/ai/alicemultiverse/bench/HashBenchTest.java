package ai.alicemultiverse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.Samples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hash bench runs end to end and prints its figures (their values are not asserted: a benchmark). */
class HashBenchTest {
  @Test
  void printsBothFiguresAndTheRatio() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HashBench.run(List.of(Samples.dir()), 1, new PrintStream(out, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).startsWith("files: 8 (");
    assertThat(printed).containsPattern("alice content hash +[0-9.]+ MB/s");
    assertThat(printed).containsPattern("sha256sum +[0-9.]+ MB/s");
    assertThat(printed).containsPattern("(?m)^ratio hash_vs_sha256sum=[0-9]+\\.[0-9]{2}$");
  }

  @Test
  void countsOnlyTheMediaPayloadForAlice() throws Exception {
    var files = HashBench.mediaFiles(List.of(Samples.dir()));
    HashBench.Pass pass = HashBench.alice(files);
    long onDisk = 0;
    for (var f : files) {
      onDisk += java.nio.file.Files.size(f);
    }
    assertThat(pass.bytes()).isPositive().isLessThan(onDisk);
  }
}
