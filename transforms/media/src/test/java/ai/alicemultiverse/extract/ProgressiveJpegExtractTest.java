package ai.alicemultiverse.extract;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.Codecs;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A progressive JPEG's content hash leaves gaps between its scans (DHT segments, scan tails): the
 * metadata parser is still shown the header and what follows the image data, never those gaps.
 */
class ProgressiveJpegExtractTest {
  @TempDir Path work;

  @Test
  void aProgressiveJpegGivesItsSizeWithoutANote() throws IOException {
    Path jpeg = progressiveJpeg(320, 200);
    try (MediaSource source = ChannelMediaSource.open(jpeg)) {
      assertThat(Codecs.forSource(source).payload(source)).as("gaps between the scans").hasSizeGreaterThan(1);
      StandardMetadata m = TikaExtractor.extract(source, Codecs.forSource(source).format(source)).metadata();
      assertThat(m.note()).isNull();
      assertThat(m.width()).isEqualTo(320);
      assertThat(m.height()).isEqualTo(200);
    }
  }

  /** Finding the hashed chunks reads all the image data; extraction needs the header only. */
  @Test
  void extractionDoesNotReadTheImageData() throws IOException {
    Path jpeg = progressiveJpeg(1200, 900);
    long size = Files.size(jpeg);
    AtomicLong read = new AtomicLong();
    try (MediaSource file = ChannelMediaSource.open(jpeg)) {
      MediaSource counting = new MediaSource() {
        @Override
        public long size() throws IOException {
          return file.size();
        }

        @Override
        public int read(long position, ByteBuffer dst) throws IOException {
          int n = file.read(position, dst);
          read.addAndGet(Math.max(0, n));
          return n;
        }
      };
      StandardMetadata m = TikaExtractor.extract(counting, MediaFormat.JPEG).metadata();
      assertThat(m.width()).isEqualTo(1200);
    }
    assertThat(size).isGreaterThan(500_000);
    assertThat(read.get()).as("bytes read of a " + size + "-byte file").isLessThan(64 * 1024);
  }

  private Path progressiveJpeg(int width, int height) throws IOException {
    Path jpeg = work.resolve("progressive-" + width + ".jpg");
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(jpeg.toFile())) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return jpeg;
  }
}
