package ai.alicemultiverse.hardening;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.Codecs;
import ai.alicemultiverse.codec.MediaSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hidden files of a safe write (temp, lock) must work for any file name a user can have, and what a killed
 * write leaves must go at the start of the next command that writes into that folder: a 255-byte name, a name with
 * a newline, a name that is not UTF-8 (taggable or refused with a clear reason, never a crash), a folder where
 * nothing needs writing. A file with two XMP packets loses the second on a write: that must be said.
 */
class HelperFileNamesTest {
  @TempDir Path work;

  @Test
  void aFileWithA255ByteNameIsTaggedAndLeavesNothingBehind() throws Exception {
    Path file = copy("plain.jpg", work.resolve("n".repeat(251) + ".jpg"));
    byte[] before = Files.readAllBytes(file);

    assertThat(run("tag", List.of("tag", file.toString(), "--add", "style:long"))).as(log("tag")).isZero();

    assertThat(Files.readAllBytes(file)).isNotEqualTo(before);
    assertThat(listing(work)).containsExactly("n".repeat(251) + ".jpg", "tag.log");
  }

  @Test
  void ingestCleansWhatAKilledWriteLeftEvenWhenNothingNeedsWriting() throws Exception {
    Path inbox = Files.createDirectories(work.resolve("inbox"));
    copy("plain.png", inbox.resolve("a.png"));
    copy("plain.jpg", inbox.resolve("two\nlines.jpg"));
    List<String> ingest = List.of("ingest", inbox.toString(), "--cache", work.resolve("c.duckdb").toString(),
        "--understand", "offline");
    assertThat(run("first", ingest)).as(log("first")).isZero();
    // what writers killed mid-write left (this version's names and an earlier one's, a newline in the name)
    List<Path> leftovers = new ArrayList<>();
    leftovers.add(Files.write(inbox.resolve(".alice-0123456789abcdef-k1ll3d.tmp"), new byte[] {1}));
    leftovers.add(Files.createFile(inbox.resolve(".alice-0123456789abcdef.lock")));
    leftovers.add(Files.write(inbox.resolve(".two\nlines.jpg.alice-tmp-0ld"), new byte[] {2}));
    leftovers.add(Files.createFile(inbox.resolve(".two\nlines.jpg.alice-lock")));
    for (Path leftover : leftovers) {
      Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minusSeconds(60)));
    }

    assertThat(run("again", ingest)).as(log("again")).isZero();

    assertThat(Files.readAllLines(work.resolve("again.log"))).noneMatch(l -> l.startsWith("written"));
    assertThat(listing(inbox)).containsExactly("a.png", "two\nlines.jpg");
  }

  @Test
  void aNameThatIsNotUtf8IsRefusedWithAClearReason() throws Exception {
    Path folder = Files.createDirectories(work.resolve("latin1"));
    Path source = HardeningCorpus.vectors().resolve("plain.jpg").toAbsolutePath();
    // caf\351.jpg: "café" in Latin-1, the byte E9 alone is not UTF-8; Java cannot spell it as a String
    assertThat(shell("cp \"$1\" \"$2/$(printf 'caf\\351.jpg')\"", source.toString(), folder.toString())
        .waitFor()).isZero();
    byte[] before = onlyFileBytes(folder);

    Process tag = shell("exec \"$1\" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp \"$2\" "
            + "ai.alicemultiverse.cli.AliceCommand tag \"$3/$(printf 'caf\\351.jpg')\" --add style:x > \"$4\" 2>&1",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), System.getProperty("java.class.path"),
        folder.toString(), work.resolve("tag.log").toString());
    assertThat(tag.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(tag.exitValue()).as(log("tag")).isEqualTo(1);
    assertThat(log("tag")).contains("caf").contains("not valid UTF-8").doesNotContain("Exception");

    // Beam's local match does not list such a name at all (see the report of issue #23): no crash, no write.
    int ingest = run("ingest", List.of("ingest", folder.toString(), "--cache", work.resolve("c.duckdb").toString(),
        "--understand", "offline"));
    assertThat(ingest).as(log("ingest")).isZero();
    assertThat(log("ingest")).doesNotContain("Exception");
    assertThat(onlyFileBytes(folder)).isEqualTo(before);
  }

  @Test
  void tagSaysWhenItRemovesADuplicateXmpPacket() throws Exception {
    Path file = work.resolve("twice.jpg");
    Files.write(file, withSecondXmpSegment(Files.readAllBytes(HardeningCorpus.vectors().resolve("tagged.jpg"))));
    assertThat(xmpPackets(file)).isEqualTo(2);

    assertThat(run("tag", List.of("tag", file.toString(), "--add", "style:once"))).as(log("tag")).isZero();

    assertThat(Files.readAllLines(work.resolve("tag.log")))
        .anySatisfy(l -> assertThat(l).contains("warning").contains(file.toString()).contains("2 XMP packets")
            .contains("removed the duplicate"));
    assertThat(xmpPackets(file)).isEqualTo(1);
  }

  /** A second standard XMP APP1 segment right after SOI, as a careless editor might add. */
  private static byte[] withSecondXmpSegment(byte[] jpeg) {
    byte[] header = "http://ns.adobe.com/xap/1.0/\0".getBytes(US_ASCII);
    byte[] packet = ("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
        + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:format=\"image/jpeg\"/>"
        + "</rdf:RDF></x:xmpmeta>").getBytes(UTF_8);
    int length = 2 + header.length + packet.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2); // SOI
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
    out.writeBytes(header);
    out.writeBytes(packet);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  private static int xmpPackets(Path file) throws IOException {
    try (MediaSource source = ChannelMediaSource.open(file)) {
      return Codecs.forSource(source).xmpPacketCount(source);
    }
  }

  private static byte[] onlyFileBytes(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      List<Path> all = entries.toList();
      assertThat(all).hasSize(1);
      return Files.readAllBytes(all.get(0)); // a Path from a listing keeps the raw bytes of its name
    }
  }

  private static Process shell(String script, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", script, "sh"));
    command.addAll(Arrays.asList(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static Path copy(String vector, Path to) throws IOException {
    return Files.copy(HardeningCorpus.vectors().resolve(vector), to);
  }

  private int run(String name, List<String> args) throws Exception {
    Process child = AliceProcess.start(args, work.resolve(name + ".log"));
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return child.exitValue();
  }

  private String log(String name) {
    try {
      return Files.readString(work.resolve(name + ".log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static List<String> listing(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
