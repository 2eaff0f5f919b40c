package ai.alicemultiverse.codec.tiff;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** TIFF files made on the fly for the tests: ImageIO output and a hand-built BigTIFF. */
final class TiffTestFiles {
  static final String PACKET = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
      + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
      + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
      + " xmlns:alice=\"http://alicemultiverse.ai/ns/1.0/\" alice:project=\"tiff-round-trip\">"
      + "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">written by TiffCodec</rdf:li>"
      + "</rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>";

  /** The same document in an xpacket wrapper, as XMP Part 3 recommends for TIFF. */
  static final String WRAPPED_PACKET = "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
      + PACKET + "<?xpacket end=\"w\"?>";

  private TiffTestFiles() {}

  static String packet(String description) {
    return PACKET.replace("written by TiffCodec", description);
  }

  /** A packet of at least {@code size} bytes (whitespace padding as XMP allows). */
  static String largePacket(int size) {
    StringBuilder padding = new StringBuilder();
    while (padding.length() < size) {
      padding.append("                                                               \n");
    }
    return PACKET.replace("</x:xmpmeta>", padding + "</x:xmpmeta>");
  }

  static BufferedImage image(int width, int height, int seed) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        img.setRGB(x, y, (x * 7 + seed) << 16 | (y * 5 + seed) << 8 | ((x ^ y) + seed) & 0xff);
      }
    }
    return img;
  }

  /** ImageIO's TIFF writer (Java 9+), uncompressed; several images become pages (IFD chain). */
  static byte[] imageIoTiff(List<BufferedImage> pages, int tileSize) {
    try {
      ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
        writer.setOutput(out);
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_DISABLED); // plain strips: sizes are known
        if (tileSize > 0) {
          param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
          param.setTiling(tileSize, tileSize, 0, 0);
        }
        writer.prepareWriteSequence(null);
        for (BufferedImage page : pages) {
          writer.writeToSequence(new IIOImage(page, null, null), param);
        }
        writer.endWriteSequence();
      } finally {
        writer.dispose();
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A minimal little-endian BigTIFF: header, IFD0 at 16 with StripOffsets, StripByteCounts (LONG8)
   * and XMLPacket, then the strip and the packet.
   */
  static byte[] bigTiff(byte[] strip, String xmp) {
    byte[] packet = xmp.getBytes(StandardCharsets.UTF_8);
    int ifdSize = 8 + 3 * 20 + 8;
    int stripAt = 16 + ifdSize;
    int xmpAt = stripAt + strip.length;
    ByteBuffer b = ByteBuffer.allocate(xmpAt + packet.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 43).putShort((short) 8).putShort((short) 0);
    b.putLong(16);
    b.putLong(3);
    b.putShort((short) 273).putShort((short) 16).putLong(1).putLong(stripAt);
    b.putShort((short) 279).putShort((short) 16).putLong(1).putLong(strip.length);
    b.putShort((short) 700).putShort((short) 1).putLong(packet.length).putLong(xmpAt);
    b.putLong(0);
    b.put(strip).put(packet);
    return b.array();
  }
}
