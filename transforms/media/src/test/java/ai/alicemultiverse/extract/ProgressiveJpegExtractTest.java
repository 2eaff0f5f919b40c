package ai.alicemultiverse.extract;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.Codecs;
import ai.alicemultiverse.codec.MediaSource;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
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
    Path jpeg = work.resolve("progressive.jpg");
    BufferedImage image = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
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

    try (MediaSource source = ChannelMediaSource.open(jpeg)) {
      assertThat(Codecs.forSource(source).payload(source)).as("gaps between the scans").hasSizeGreaterThan(1);
      StandardMetadata m = TikaExtractor.extract(source, Codecs.forSource(source).format(source)).metadata();
      assertThat(m.note()).isNull();
      assertThat(m.width()).isEqualTo(320);
      assertThat(m.height()).isEqualTo(200);
    }
  }
}
