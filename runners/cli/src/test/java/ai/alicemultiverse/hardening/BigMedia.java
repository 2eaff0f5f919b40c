package ai.alicemultiverse.hardening;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** Large files, so that a kill has a real chance to land while the temp copy is being written. */
final class BigMedia {
  private BigMedia() {}

  /** A PCM WAV of about {@code bytes} bytes: RIFF header, fmt chunk, data chunk of noise. */
  static Path wav(Path file, int bytes, long seed) throws IOException {
    int data = bytes & ~3;
    ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    header.put("RIFF".getBytes()).putInt(36 + data).put("WAVE".getBytes());
    header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2)
        .putInt(44_100).putInt(44_100 * 4).putShort((short) 4).putShort((short) 16);
    header.put("data".getBytes()).putInt(data);
    byte[] noise = new byte[1 << 20];
    SplittableRandom random = new SplittableRandom(seed);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(header.array());
      for (int written = 0; written < data; written += noise.length) {
        for (int i = 0; i < noise.length; i++) {
          noise[i] = (byte) random.nextInt(256);
        }
        out.write(noise, 0, Math.min(noise.length, data - written));
      }
    }
    return file;
  }

  /** An uncompressed 8-bit grey TIFF of {@code side}² pixels (ImageIO's own TIFF writer). */
  static Path tiff(Path file, int side, long seed) throws IOException {
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
    byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) random.nextInt(256);
    }
    if (!ImageIO.write(image, "tiff", file.toFile())) {
      throw new IOException("no TIFF writer in this JDK");
    }
    return file;
  }
}
