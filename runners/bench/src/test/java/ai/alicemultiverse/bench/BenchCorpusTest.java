package ai.alicemultiverse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.media.Inspection;
import ai.alicemultiverse.media.MediaInspector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small corpus (two files of each format, at 2% of the usual size), read back by alice and ExifTool. */
class BenchCorpusTest {
  @TempDir static Path work;
  static BenchCorpus.Corpus corpus;
  static List<Path> files;

  @BeforeAll
  static void makeCorpus() throws IOException {
    corpus = BenchCorpus.makeOrReuse(work, 2, 0.02, 7, quiet());
    try (Stream<Path> tree = Files.walk(corpus.dir())) {
      files = tree.filter(Files::isRegularFile).sorted().toList();
    }
  }

  static PrintStream quiet() {
    return new PrintStream(PrintStream.nullOutputStream());
  }

  @Test
  void everyFormatIsReadByAliceWithTheRightFormatAndADistinctHash() throws IOException {
    assertThat(files).hasSize(16);
    assertThat(corpus.files()).isEqualTo(16);
    assertThat(corpus.withMetadata()).isEqualTo(8);
    assertThat(corpus.bytes()).isEqualTo(files.stream().mapToLong(BenchCorpusTest::size).sum());
    Map<MediaFormat, Integer> formats = new TreeMap<>();
    Set<String> hashes = new HashSet<>();
    List<String> tagged = new ArrayList<>();
    for (Path file : files) {
      try (MediaSource source = ChannelMediaSource.open(file)) {
        Inspection inspection = MediaInspector.inspect(source, true);
        formats.merge(inspection.format(), 1, Integer::sum);
        hashes.add(inspection.contentHash());
        assertThat(inspection.hashMismatch()).as(file.toString()).isFalse();
        if (inspection.metadata() != null) {
          assertThat(inspection.embeddedHash()).isEqualTo(inspection.contentHash());
          assertThat(inspection.metadata().generation().provider()).isEqualTo("bench");
          tagged.add(file.getFileName().toString());
        }
      }
    }
    assertThat(formats).containsExactlyEntriesOf(new TreeMap<>(Map.of(MediaFormat.JPEG, 2, MediaFormat.PNG, 2,
        MediaFormat.TIFF, 2, MediaFormat.MP4, 2, MediaFormat.MOV, 2, MediaFormat.M4A, 2, MediaFormat.MP3, 2,
        MediaFormat.WAV, 2)));
    assertThat(hashes).hasSize(16);
    assertThat(tagged).hasSize(8).allMatch(name -> name.contains("-000000."));
  }

  @Test
  void sizesFollowTheScale() {
    // 2% of 1-3 MB (images), 2-4 MB (audio), 4-8 MB (video), give or take the encoders' aim.
    for (Path file : files) {
      String folder = file.getParent().getFileName().toString();
      long size = size(file);
      switch (folder) {
        case "jpeg", "png", "tiff" -> assertThat(size).as(file.toString()).isBetween(5_000L, 120_000L);
        case "wav", "mp3", "m4a" -> assertThat(size).as(file.toString()).isBetween(40_000L, 90_000L);
        default -> assertThat(size).as(file.toString()).isBetween(75_000L, 175_000L);
      }
    }
  }

  @Test
  void theSameSettingsReuseTheCorpusAndOtherFoldersAreNotTouched() throws Exception {
    Path first = files.get(0);
    FileTime before = Files.getLastModifiedTime(first);
    BenchCorpus.Corpus again = BenchCorpus.makeOrReuse(work, 2, 0.02, 7, quiet());
    assertThat(again).isEqualTo(corpus);
    assertThat(Files.getLastModifiedTime(first)).isEqualTo(before);

    Path someoneElses = Files.createDirectories(work.resolve("photos"));
    Files.writeString(someoneElses.resolve("keep.txt"), "mine");
    assertThatThrownBy(() -> BenchCorpus.makeOrReuse(someoneElses, 1, 0.02, 7, quiet()))
        .hasMessageContaining("is not empty and holds no bench corpus");
    assertThat(someoneElses.resolve("keep.txt")).hasContent("mine");
  }

  @Test
  void exifToolFindsEveryFileValid() throws Exception {
    Assumptions.assumeTrue(Bench.findOnPath("exiftool").isPresent(), "exiftool is not installed");
    List<String> command = new ArrayList<>(List.of("exiftool", "-q", "-validate", "-warning", "-a", "-s3"));
    files.forEach(f -> command.add(f.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    process.waitFor();
    assertThat(output.lines().filter(line -> !line.startsWith("========") && !line.isBlank()).toList())
        .as(output).hasSize(16).containsOnly("OK");
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
