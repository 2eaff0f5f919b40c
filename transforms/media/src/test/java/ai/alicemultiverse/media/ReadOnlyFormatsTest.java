package ai.alicemultiverse.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.io.SafeWriteException;
import ai.alicemultiverse.testing.ExifTool;
import ai.alicemultiverse.testing.ExifTool13;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Formats alice reads but does not write, on files made by ImageMagick/libheif, ffmpeg and sox: HEIC,
 * AVIF and AVI get ExifTool 13's ImageDataHash, the others a whole-file hash said as such, and a
 * write is refused with the format's name, the file left as it was.
 */
class ReadOnlyFormatsTest {
  @TempDir Path dir;

  @Test
  void heifAvifAndAviHashesEqualExifTool13ImageDataHash() throws Exception {
    ExifTool13.assumeInstalled();
    List<Path> files = new ArrayList<>();
    files.add(image("plain.heic", "64x48"));
    files.add(alpha("alpha.heic"));
    files.add(image("plain.avif", "64x48"));
    files.add(alpha("alpha.avif"));
    // several coded items (alpha planes, thumbnails, a second image) and grid items that are not hashed
    files.add(heifEnc("two-with-thumbnails.heic"));
    files.add(heifEnc("two-with-thumbnails.avif"));
    files.add(avi("mjpeg.avi", "mjpeg", "pcm_s16le"));
    files.add(avi("mpeg4.avi", "mpeg4", "mp3"));
    Map<Path, String> reference = ExifTool13.imageDataHashes(files);
    for (Path file : files) {
      Inspection seen = inspect(file);
      assertThat(reference.get(file)).as("ExifTool 13's ImageDataHash of " + file).isNotNull();
      assertThat(seen.contentHash()).as(file.getFileName().toString()).isEqualTo(reference.get(file));
      assertThat(seen.hashSource()).isEqualTo(HashSource.COMPUTED);
      assertThat(seen.format().writable()).isFalse();
    }
    assertThat(inspect(files.get(0)).format()).isEqualTo(MediaFormat.HEIC);
    assertThat(inspect(files.get(2)).format()).isEqualTo(MediaFormat.AVIF);
    assertThat(inspect(files.get(6)).format()).isEqualTo(MediaFormat.AVI);
  }

  @Test
  void aHeicKeepsItsIdentityWhenAnotherToolAddsKeywords() throws Exception {
    assumeTrue(ExifTool.available(), "exiftool is not installed");
    Path heic = image("edited.heic", "64x48");
    String before = inspect(heic).contentHash();
    byte[] original = Files.readAllBytes(heic);

    String out = ExifTool.run("-overwrite_original", "-XMP-dc:Subject+=beach", heic.toString());

    assertThat(out).contains("1 image files updated");
    assertThat(Files.readAllBytes(heic)).isNotEqualTo(original);
    Inspection after = inspect(heic);
    assertThat(after.contentHash()).isEqualTo(before);
    assertThat(after.xmp()).isNotNull();
    assertThat(after.xmp().xml()).contains("beach");
  }

  @Test
  void otherReadOnlyFormatsAreHashedWholeAndSaySo() throws Exception {
    List<Path> files = new ArrayList<>();
    files.add(magick("anim.gif", "64x48"));
    files.add(magick("bitmap.bmp", "64x48"));
    files.add(sox("tone.flac"));
    files.add(sox("tone.ogg"));
    files.add(ffmpeg("clip.mkv", "-c:v", "mjpeg"));
    files.add(ffmpeg("clip.webm", "-c:v", "libvpx"));
    List<MediaFormat> formats = List.of(MediaFormat.GIF, MediaFormat.BMP, MediaFormat.FLAC, MediaFormat.OGG,
        MediaFormat.MKV, MediaFormat.WEBM);
    for (int i = 0; i < files.size(); i++) {
      Inspection seen = inspect(files.get(i));
      assertThat(seen.format()).isEqualTo(formats.get(i));
      assertThat(seen.hashSource()).isEqualTo(HashSource.WHOLE_FILE);
      assertThat(seen.contentHash()).isEqualTo("sha256:" + sha256(Files.readAllBytes(files.get(i))));
    }
  }

  @Test
  void aDngIsReadOnlyAndHashedWhole() throws Exception {
    assumeTrue(ExifTool.available(), "exiftool is not installed");
    Path tiff = magick("raw.tif", "32x24");
    ExifTool.run("-overwrite_original", "-DNGVersion=1.4.0.0", tiff.toString());
    Path dng = Files.move(tiff, dir.resolve("raw.dng"));

    Inspection seen = inspect(dng);

    assertThat(seen.format()).isEqualTo(MediaFormat.DNG);
    assertThat(seen.hashSource()).isEqualTo(HashSource.WHOLE_FILE);
    assertThat(seen.contentHash()).isEqualTo("sha256:" + sha256(Files.readAllBytes(dng)));
  }

  @Test
  void tagRefusesAHeicNamingTheFormatAndLeavesItUntouched() throws Exception {
    Path heic = image("photo.heic", "64x48");
    byte[] original = Files.readAllBytes(heic);

    assertThatThrownBy(() -> MetadataEmbedder.embed(heic, m -> m.withTag("style", "x")))
        .isInstanceOf(SafeWriteException.class)
        .hasMessageContaining(heic.toString())
        .hasMessageContaining("HEIC is read-only in alice");
    assertThat(Files.readAllBytes(heic)).isEqualTo(original);
  }

  /**
   * A HEIF put together by hand to pin ExifTool's item rules: items hashed in item ID order (not
   * {@code iinf} or {@code iloc} order), an {@code idat} item (construction method 1) and a base offset
   * honoured, a {@code grid} item and an item stored in another file (data reference 1) left out.
   */
  @Test
  void handMadeHeifFollowsExifToolsItemRules() throws Exception {
    byte[] mdatData = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    byte[] idatData = "ABCDEFG".getBytes(StandardCharsets.US_ASCII);
    byte[] ftyp = box("ftyp", concat("heic".getBytes(StandardCharsets.US_ASCII), new byte[4],
        "mif1heic".getBytes(StandardCharsets.US_ASCII)));
    int metaSize = meta(0, idatData).length;
    long mdatStart = ftyp.length + metaSize + 8;
    byte[] file = concat(ftyp, meta(mdatStart, idatData), box("mdat", mdatData));
    Path heic = dir.resolve("hand-made.heic");
    Files.write(heic, file);

    String expected = "sha256:" + sha256(concat("CDE".getBytes(StandardCharsets.US_ASCII),
        "0123".getBytes(StandardCharsets.US_ASCII), "ab".getBytes(StandardCharsets.US_ASCII)));
    assertThat(inspect(heic).contentHash()).isEqualTo(expected);
    ExifTool13.assumeInstalled(); // alice's hash was checked against the rule by hand above
    assertThat(ExifTool13.imageDataHashes(List.of(heic)).get(heic)).isEqualTo(expected);
  }

  /*
   * meta (full box) { hdlr 'pict', iinf v0 { infe v2 for items 2, 1, 3, 4 }, iloc v1 (offset, length and
   * base offset 4 bytes each), idat }. Item 1: idat bytes 2..5; item 2: base = mdat data start, extents
   * 0..4 and 10..12; item 3: a grid; item 4: in another file.
   */
  private static byte[] meta(long mdatStart, byte[] idat) throws IOException {
    byte[] hdlr = fullBox("hdlr", concat(new byte[4], "pict".getBytes(StandardCharsets.US_ASCII), new byte[13]));
    byte[] iinf = fullBox("iinf", concat(u16(4), infe(2, "hvc1"), infe(1, "hvc1"), infe(3, "grid"), infe(4, "hvc1")));
    byte[] iloc = box("iloc", concat(new byte[] {1, 0, 0, 0}, u16(0x4440), u16(4),
        u16(1), u16(1), u16(0), u32(0), u16(1), u32(2), u32(3),
        u16(2), u16(0), u16(0), u32(mdatStart), u16(2), u32(0), u32(4), u32(10), u32(2),
        u16(3), u16(0), u16(0), u32(mdatStart), u16(1), u32(4), u32(6),
        u16(4), u16(0), u16(1), u32(0), u16(1), u32(0), u32(4)));
    return fullBox("meta", concat(hdlr, iinf, iloc, box("idat", idat)));
  }

  private static byte[] infe(int id, String type) throws IOException {
    return box("infe", concat(new byte[] {2, 0, 0, 0}, u16(id), u16(0), type.getBytes(StandardCharsets.US_ASCII),
        new byte[1]));
  }

  private static byte[] fullBox(String type, byte[] payload) throws IOException {
    return box(type, concat(new byte[4], payload));
  }

  private static byte[] box(String type, byte[] payload) throws IOException {
    return concat(u32(8 + payload.length), type.getBytes(StandardCharsets.US_ASCII), payload);
  }

  private static byte[] u16(int value) {
    return new byte[] {(byte) (value >> 8), (byte) value};
  }

  private static byte[] u32(long value) {
    return new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value};
  }

  private static byte[] concat(byte[]... parts) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.write(part);
    }
    return out.toByteArray();
  }

  // ---- files made by the tools

  private Path image(String name, String size) throws IOException {
    Path file = dir.resolve(name);
    run("convert", "-size", size, "plasma:fractal", file.toString());
    return file;
  }

  private Path magick(String name, String size) throws IOException {
    return image(name, size);
  }

  private Path alpha(String name) throws IOException {
    Path file = dir.resolve(name);
    run("convert", "-size", "64x48", "radial-gradient:red-none", file.toString());
    return file;
  }

  private Path heifEnc(String name) throws IOException {
    Path first = alpha(name + "-1.png");
    Path second = dir.resolve(name + "-2.png");
    run("convert", "-size", "48x32", "radial-gradient:blue-none", second.toString());
    Path file = dir.resolve(name);
    run("heif-enc", "-t", "16", "-o", file.toString(), first.toString(), second.toString());
    return file;
  }

  private Path avi(String name, String video, String audio) throws IOException {
    return ffmpeg(name, "-c:v", video, "-c:a", audio);
  }

  private Path ffmpeg(String name, String... codecs) throws IOException {
    Path file = dir.resolve(name);
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
        "testsrc=size=64x48:rate=10", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000", "-t", "1"));
    command.addAll(List.of(codecs));
    command.add(file.toString());
    run(command.toArray(String[]::new));
    return file;
  }

  private Path sox(String name) throws IOException {
    Path file = dir.resolve(name);
    run("sox", "-n", "-r", "8000", file.toString(), "synth", "0.5", "sine", "440");
    return file;
  }

  private static Inspection inspect(Path file) throws IOException {
    try (MediaSource source = ChannelMediaSource.open(file)) {
      return MediaInspector.inspect(source, true);
    }
  }

  /** Runs a tool to its end; skips the test when the tool is not installed. */
  private static String run(String... command) throws IOException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException notInstalled) {
      assumeTrue(false, command[0] + " is not installed (" + notInstalled.getMessage() + ")");
      throw notInstalled;
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(command[0] + " timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    return output;
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
