package ai.alicemultiverse.extract;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.Codecs;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.testing.Vectors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Standard metadata of the shared vectors, checked against ExifTool ({@code exiftool -n}), and how
 * little of a large file the extractor fetches.
 */
class TikaExtractorTest {
  @TempDir Path work;

  static TikaExtractor.Result extract(Path file) throws IOException {
    try (MediaSource source = ChannelMediaSource.open(file)) {
      return TikaExtractor.extract(source, Codecs.forSource(source).format(source));
    }
  }

  // Expected values: exiftool -n ImageWidth ImageHeight Duration CompressorID AudioFormat
  // AudioSampleRate AudioChannels / NumChannels. WAV: data chunk bytes / AvgBytesPerSec (44100 / 88200;
  // ExifTool's own Duration, 0.5009, divides the file size instead).
  @ParameterizedTest
  @CsvSource(nullValues = "-", value = {
      "plain.jpg,   image/jpeg,      96, 64, -,   -,    -,    -,     -",
      "bigxmp.jpg,  image/jpeg,      96, 64, -,   -,    -,    -,     -",
      "tagged.png,  image/png,       96, 64, -,   -,    -,    -,     -",
      "a1111.png,   image/png,       96, 64, -,   -,    -,    -,     -",
      "plain.webp,  image/webp,      96, 64, -,   -,    -,    -,     -",
      "lossless.webp, image/webp,    96, 64, -,   -,    -,    -,     -",
      "tagged.tif,  image/tiff,      96, 64, -,   -,    -,    -,     -",
      "plain.mp4,   video/mp4,       96, 64, 1.0, avc1, mp4a, 44100, 2",
      "tagged.mov,  video/quicktime, 96, 64, 1.0, jpeg, -,    -,     -",
      "plain.m4a,   audio/mp4,       -,  -,  1.0, -,    mp4a, 44100, 2",
      "plain.wav,   audio/vnd.wave,  -,  -,  0.5, -,    pcm_signed, 22050, 1",
  })
  void vectorsMatchExifTool(String name, String mime, Integer width, Integer height, Double duration,
      String videoCodec, String audioCodec, Integer sampleRate, Integer channels) throws IOException {
    StandardMetadata m = extract(Vectors.file(name)).metadata();
    assertThat(m.note()).isNull();
    assertThat(m.mime()).isEqualTo(mime);
    assertThat(m.width()).isEqualTo(width);
    assertThat(m.height()).isEqualTo(height);
    assertThat(m.durationSeconds()).isEqualTo(duration);
    assertThat(m.videoCodec()).isEqualTo(videoCodec);
    assertThat(m.audioCodec()).isEqualTo(audioCodec);
    assertThat(m.sampleRate()).isEqualTo(sampleRate);
    assertThat(m.channels()).isEqualTo(channels);
  }

  @Test
  void mp3TechnicalsAndId3() throws IOException {
    StandardMetadata m = extract(Vectors.file("tagged.mp3")).metadata();
    assertThat(m.mime()).isEqualTo("audio/mpeg");
    assertThat(m.audioCodec()).isEqualTo("mp3");
    assertThat(m.sampleRate()).isEqualTo(22050); // MPEG-2 layer III, rate index 0
    assertThat(m.channels()).isEqualTo(1); // channel mode 3 = mono
    // 23 frames of 576 samples, the first a LAME Info frame: 22 frames = 0.5747 s of coded audio.
    // Tika's frame walk gives 0.5424 s, ExifTool's bit-rate estimate 0.6006 s: both inside that bound.
    assertThat(m.durationSeconds()).isBetween(0.5, 23 * 576 / 22050.0);
    assertThat(m.json()).contains("\"dc:title\":\"neon song\"", "\"xmpDM:artist\":\"Suno\"");
  }

  @Test
  void exifEssentialsFromAJpeg() throws Exception {
    Path jpeg = noiseImage("jpg", 640, 480);
    ExifTool.run("-Make=Canon", "-Model=Canon EOS R5", "-Software=alice test", "-DateTimeOriginal=2024:05:06 07:08:09",
        "-overwrite_original", jpeg.toString());
    StandardMetadata m = extract(jpeg).metadata();
    assertThat(m.width()).isEqualTo(640);
    assertThat(m.height()).isEqualTo(480);
    assertThat(m.camera()).isEqualTo("Canon EOS R5"); // the make is not repeated when the model has it
    assertThat(m.software()).isEqualTo("alice test");
    assertThat(m.createdAt()).isEqualTo("2024-05-06T07:08:09");
  }

  @Test
  void aLargeVideoIsNotReadThrough() throws IOException {
    // plain.mp4 (moov after mdat) with a 256 MiB free box appended: a sparse file, nothing written
    Path big = work.resolve("big.mp4");
    Files.copy(Vectors.file("plain.mp4"), big);
    long padding = 256L << 20;
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.seek(file.length());
      file.writeInt((int) padding);
      file.writeBytes("free");
      file.setLength(file.length() - 8 + padding);
    }
    TikaExtractor.Result r = extract(big);
    assertThat(r.metadata().durationSeconds()).isEqualTo(1.0);
    assertThat(r.metadata().width()).isEqualTo(96);
    // ftyp + moov only (32 + 1843 bytes): neither mdat nor the padding is fetched
    assertThat(r.bytesRead()).isEqualTo(32 + 1843);
  }

  @Test
  void aLargeImageIsReadOnlyForItsMetadata() throws IOException {
    Path png = noiseImage("png", 1200, 800);
    Path tif = noiseImage("tif", 1200, 800);
    Path jpg = noiseImage("jpg", 1200, 800);
    for (Path image : new Path[] {png, tif, jpg}) {
      TikaExtractor.Result r = extract(image);
      assertThat(r.metadata().width()).as(image.toString()).isEqualTo(1200);
      assertThat(r.metadata().height()).as(image.toString()).isEqualTo(800);
      assertThat(Files.size(image)).isGreaterThan(512 * 1024);
      assertThat(r.bytesRead()).as(image.toString()).isLessThan(64 * 1024);
    }
  }

  @Test
  void whatTikaCannotParseIsANoteNotAFailure() throws IOException {
    byte[] jpeg = Files.readAllBytes(Vectors.file("plain.jpg"));
    byte[] broken = Arrays.copyOf(jpeg, 200); // headers cut inside the tables: no SOS, no EOI
    TikaExtractor.Result r = TikaExtractor.extract(new BytesMediaSource(broken), MediaFormat.JPEG);
    assertThat(r.metadata().mime()).isEqualTo("image/jpeg");
    assertThat(r.metadata().note()).isNotBlank();
    assertThat(r.metadata().json()).contains("\"extraction_note\"");
  }

  private Path noiseImage(String type, int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, width, height, new Random(7).ints(width * height).toArray(), 0, width);
    Path file = work.resolve("noise-" + width + "." + type);
    assertThat(ImageIO.write(image, type.equals("jpg") ? "jpeg" : type.equals("tif") ? "tiff" : type, file.toFile()))
        .isTrue();
    return file;
  }
}
