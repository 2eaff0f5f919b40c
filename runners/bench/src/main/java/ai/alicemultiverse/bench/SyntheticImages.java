package ai.alicemultiverse.bench;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Photographs stand-ins drawn with Java2D: a gradient, shapes and grain. The grain keeps the
 * encoders from compressing them far below what a real photo or render weighs.
 */
final class SyntheticImages {
  /** Bytes per pixel each encoder gives these pictures, measured; used to aim at a file size. */
  private static final double JPEG_BYTES_PER_PIXEL = 0.4;
  private static final double PNG_BYTES_PER_PIXEL = 1.6;
  private static final double TIFF_BYTES_PER_PIXEL = 3.0; // uncompressed RGB strips

  private SyntheticImages() {}

  static byte[] jpeg(long targetBytes, SplittableRandom random) throws IOException {
    BufferedImage image = picture(pixelsFor(targetBytes, JPEG_BYTES_PER_PIXEL), random);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.9f); // what cameras and generators save at
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  static byte[] png(long targetBytes, SplittableRandom random) throws IOException {
    return encode(picture(pixelsFor(targetBytes, PNG_BYTES_PER_PIXEL), random), "png");
  }

  static byte[] tiff(long targetBytes, SplittableRandom random) throws IOException {
    return encode(picture(pixelsFor(targetBytes, TIFF_BYTES_PER_PIXEL), random), "tiff");
  }

  private static long pixelsFor(long targetBytes, double bytesPerPixel) {
    return Math.max(64 * 64, (long) (targetBytes / bytesPerPixel));
  }

  private static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, format, out)) {
      throw new IOException("this Java has no ImageIO writer for " + format);
    }
    return out.toByteArray();
  }

  /** A 3:2 picture of about {@code pixels} pixels. */
  static BufferedImage picture(long pixels, SplittableRandom random) {
    int width = (int) Math.max(64, Math.sqrt(pixels * 1.5));
    int height = (int) Math.max(64, pixels / width);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, color(random), width, height, color(random)));
    g.fillRect(0, 0, width, height);
    for (int i = 0; i < 24; i++) {
      g.setColor(color(random));
      int w = 1 + random.nextInt(width / 3);
      int h = 1 + random.nextInt(height / 3);
      if (random.nextBoolean()) {
        g.fillOval(random.nextInt(width), random.nextInt(height), w, h);
      } else {
        g.fillRect(random.nextInt(width), random.nextInt(height), w, h);
      }
    }
    g.dispose();
    int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < rgb.length; i++) {
      int grain = random.nextInt(25) - 12;
      rgb[i] = channel(rgb[i] >> 16, grain) << 16 | channel(rgb[i] >> 8, grain) << 8 | channel(rgb[i], grain);
    }
    return image;
  }

  private static int channel(int value, int grain) {
    return Math.min(255, Math.max(0, (value & 0xFF) + grain));
  }

  private static Color color(SplittableRandom random) {
    return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
  }
}
