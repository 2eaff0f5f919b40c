package ai.alicemultiverse.media;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.testing.RequiredTools;
import ai.alicemultiverse.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ExifTool most systems ship (Debian's 12.57, older than the ExifTool fields alice writes beside its
 * content hash) still edits a file alice wrote: it refuses to rewrite a packet holding an {@code et:}
 * property it does not know in attribute form, and would then leave the file unchanged. And alice reads
 * the packet that ExifTool writes back, which declares {@code xmlns:et} twice on one element.
 */
class OlderExifToolEditsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"plain.jpg", "plain.png", "plain.tif", "plain.webp", "plain.mp4"})
  void theSystemExifToolEditsAFileAliceWrote(String name) throws Exception {
    RequiredTools.assumeCommands("exiftool");
    Path file = dir.resolve(name);
    Files.copy(Vectors.file(name), file);
    file.toFile().setWritable(true);
    MetadataEmbedder.embed(file, m -> m.withTag("mood", "calm"));

    String edit = exiftool("-overwrite_original", "-XMP-dc:Subject+=beach", file.toString());

    assertThat(edit).contains("1 image files updated").doesNotContain("Can't handle");
    assertThat(exiftool("-s3", "-sep", ",", "-XMP-dc:Subject", file.toString()).strip()).contains("beach");
    // and alice reads what that ExifTool wrote (it declares xmlns:et twice on one element) and writes again
    MetadataEmbedder.Result again = MetadataEmbedder.embed(file, m -> m.withTag("mood", "dark"));
    assertThat(exiftool("-s3", "-sep", ",", "-XMP-dc:Subject", file.toString()).strip())
        .contains("beach").contains("dark");
    assertThat(again.contentHash()).startsWith("sha256:");
  }

  private static String exiftool(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "exiftool";
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
