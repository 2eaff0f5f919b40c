package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest} must not write through a symbolic link out of its roots (it would rewrite a file the user never
 * named) unless {@code --follow-links}; a link to a file inside the roots is not written through either, so that
 * file is written once, under its own name. {@code tag} writes through a link and says which file it wrote.
 */
class SymbolicLinkWritesTest {
  @TempDir Path work;

  @Test
  void ingestWritesNeitherOutOfItsRootNorTwiceThroughALinkInside() throws Exception {
    Path root = Files.createDirectories(work.resolve("root"));
    Path outside = copy("plain.jpg", work.resolve("elsewhere/theirs.jpg"));
    Path inside = copy("plain.png", root.resolve("mine.png"));
    Path outLink = Files.createSymbolicLink(root.resolve("out-link.jpg"), outside);
    Path inLink = Files.createSymbolicLink(root.resolve("in-link.png"), Path.of("mine.png"));
    byte[] outsideBefore = Files.readAllBytes(outside);
    byte[] insideBefore = Files.readAllBytes(inside);

    assertThat(run("ingest", "ingest", root.toString(), "--cache", work.resolve("c.duckdb").toString(),
        "--understand", "offline")).isZero();

    assertThat(Files.readAllBytes(outside)).as("the file outside the root").isEqualTo(outsideBefore);
    assertThat(Files.readAllBytes(inside)).isNotEqualTo(insideBefore);
    List<String> lines = lines("ingest");
    assertThat(lines).filteredOn(l -> l.startsWith("written")).containsExactly("written     " + inside);
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("link").contains(outLink + " -> " + outside)
        .contains("not written").contains("--follow-links"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("link").contains(inLink.toString()));

    assertThat(run("follow", "ingest", root.toString(), "--cache", work.resolve("c.duckdb").toString(),
        "--understand", "offline", "--follow-links")).isZero();

    assertThat(Files.readAllBytes(outside)).as("--follow-links writes through").isNotEqualTo(outsideBefore);
    assertThat(Files.isSymbolicLink(outLink)).isTrue();
  }

  @Test
  void tagOnALinkSaysWhichFileItWrote() throws Exception {
    Path real = copy("plain.jpg", work.resolve("real/x.jpg"));
    Path link = Files.createSymbolicLink(work.resolve("x.jpg"), real);

    assertThat(run("tag", "tag", link.toString(), "--add", "style:linked")).isZero();

    assertThat(lines("tag")).contains("wrote     " + link + " -> " + real.toRealPath());
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }

  private static Path copy(String vector, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    return Files.copy(HardeningCorpus.vectors().resolve(vector), to);
  }

  private int run(String name, String... args) throws Exception {
    Process child = AliceProcess.start(Arrays.asList(args), work.resolve(name + ".log"));
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return child.exitValue();
  }

  private List<String> lines(String name) throws IOException {
    return Files.readAllLines(work.resolve(name + ".log"));
  }
}
