package ai.alicemultiverse.media;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.Codecs;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.hash.ContentHash;
import ai.alicemultiverse.testing.ExifTool13;
import ai.alicemultiverse.testing.HandMadeMedia;
import ai.alicemultiverse.testing.RequiredTools;
import ai.alicemultiverse.testing.Vectors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content hash equals ExifTool 13's ImageDataHash (SHA-256) file by file, over a corpus made with
 * real encoders (src/test/resources/reference-corpus/generate.sh: baseline, progressive and multi-scan
 * JPEG with several scan scripts, restart intervals, arithmetic coding, CMYK; TIFF strips, tiles,
 * planes, pages, pyramids, JPEG compression; PNG; WebP; MP4/MOV/M4A), the hand-made TIFF, PNG and DNL
 * files of {@link HandMadeMedia}, and every shared test vector. A file ExifTool gives no hash must get
 * none from alice either (an error naming the reason). Formats without an ImageDataHash in ExifTool
 * (MP3, BigTIFF) are not compared; the kinds the generator cannot make yet are listed as pending.
 */
class ImageDataHashReferenceTest {
  private static final int MINIMUM_FILES = 200;
  /** ExifTool has no ImageDataHash for these; alice's own rule is pinned by the shared vectors. */
  private static final Set<String> NOT_COMPARED = Set.of("mp3");

  @TempDir Path dir;

  @Test
  void everyFileHashesAsExifTool13HashesIt() throws Exception {
    ExifTool13.assumeInstalled();
    RequiredTools.assumeCommands("convert", "cjpeg", "jpegtran", "tiffcp", "ffmpeg", "heif-enc");
    List<String> pending = generate(dir);
    addHandMade(dir);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> listing = Files.list(dir)) {
      listing.sorted().forEach(files::add);
    }
    for (Map.Entry<String, String> vector : Vectors.expectedHashes().entrySet()) {
      files.add(Vectors.file(vector.getKey()));
    }
    files.removeIf(f -> NOT_COMPARED.contains(extension(f)));
    // a tool that failed leaves its kind out without a word: every kind must be there
    assertThat(files.stream().map(ImageDataHashReferenceTest::extension).collect(java.util.stream.Collectors.toSet()))
        .as("kinds in the generated corpus").contains("jpg", "tif", "png", "webp", "mp4", "mov", "m4a", "heic",
            "avif", "avi");
    assertThat(files).as("files in the generated corpus").hasSizeGreaterThanOrEqualTo(200);

    Map<Path, String> reference = ExifTool13.imageDataHashes(files);
    Map<String, String> differences = new TreeMap<>();
    int hashedByBoth = 0;
    List<String> hashedByNeither = new ArrayList<>();
    for (Path file : files) {
      String expected = reference.get(file);
      String actual = aliceHash(file);
      boolean agree = expected == null ? actual.startsWith("error: ") : expected.equals(actual);
      if (!agree) {
        differences.put(file.getFileName().toString(),
            "exiftool 13: " + (expected == null ? "no ImageDataHash" : expected) + ", alice: " + actual);
      } else if (expected != null) {
        hashedByBoth++;
      } else {
        hashedByNeither.add(file.getFileName() + " (" + actual + ")");
      }
    }
    System.out.println("content hash vs ExifTool 13 ImageDataHash: " + files.size() + " files, "
        + hashedByBoth + " hashed by both, " + differences.size() + " differ");
    differences.forEach((name, what) -> System.out.println("  DIFFERS " + name + ": " + what));
    hashedByNeither.forEach(f -> System.out.println("  no hash from either: " + f));
    pending.forEach(p -> System.out.println("  " + p));

    assertThat(differences).as("files whose content hash is not ExifTool 13's ImageDataHash").isEmpty();
    assertThat(hashedByBoth).as("files hashed by both").isGreaterThanOrEqualTo(MINIMUM_FILES);
    assertThat(String.join(" ", files.stream().map(ImageDataHashReferenceTest::extension).toList()))
        .contains("jpg", "tif", "png", "webp", "mp4", "mov", "m4a");
  }

  static String aliceHash(Path file) {
    try (MediaSource source = ChannelMediaSource.open(file)) {
      ContainerCodec codec = Codecs.forSource(source);
      return ContentHash.of(source, codec.payload(source));
    } catch (IOException | RuntimeException e) {
      return "error: " + e.getMessage();
    }
  }

  /** Runs the generator script into {@code into}; returns its "pending ..." lines. */
  private static List<String> generate(Path into) throws IOException, InterruptedException {
    Path script = into.resolve("generate.sh");
    try (InputStream in = ImageDataHashReferenceTest.class.getResourceAsStream("/reference-corpus/generate.sh")) {
      Files.copy(in, script);
    }
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), into.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("EXIFTOOL13", ExifTool13.script().toString());
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    Files.delete(script);
    return out.lines().filter(l -> l.startsWith("pending ")).toList();
  }

  private static void addHandMade(Path into) throws IOException {
    for (HandMadeMedia.Made made : HandMadeMedia.all()) {
      Files.write(into.resolve(made.name()), made.bytes());
    }
    for (String base : List.of("cj1-baseline.jpg", "cj2-q95.jpg", "cj3-optimize.jpg", "cj4-444.jpg")) {
      Path file = into.resolve(base);
      if (Files.exists(file)) {
        HandMadeMedia.Made dnl = HandMadeMedia.withDnl("dnl-" + base, Files.readAllBytes(file));
        Files.write(into.resolve(dnl.name()), dnl.bytes());
      }
    }
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    return name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
  }
}
