package ai.alicemultiverse.samples;

import ai.alicemultiverse.media.MetadataEmbedder;
import ai.alicemultiverse.xmp.AliceMetadata;
import ai.alicemultiverse.xmp.Generation;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Makes the sample media set that ships in {@code src/samples}: small images and a sound drawn
 * here, some with alice metadata embedded through the product's own writer, some with none, one
 * byte-identical copy under a second name and one damaged file.
 */
public final class SampleMaker {
  private SampleMaker() {}

  public static void make(Path dir) throws IOException {
    Path renders = Files.createDirectories(dir.resolve("renders"));
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    Path backup = Files.createDirectories(dir.resolve("backup"));
    Path damaged = Files.createDirectories(dir.resolve("damaged"));

    Path alley = renders.resolve("neon-alley.png");
    writeImage(neonAlley(), "png", alley);
    embed(alley, "Neon-lit alley at night, rain on the pavement", "ComfyUI",
        Map.of("style", new String[] {"cyberpunk", "cinematic"}, "mood", new String[] {"moody"},
            "subject", new String[] {"street", "city"}, "colors", new String[] {"magenta", "cyan"}),
        new Generation("stable-diffusion", "sdxl-1.0", "cyberpunk neon alley, rain, night, cinematic lighting",
            "blurry, low quality", new TreeMap<>(Map.of("steps", "30", "cfg_scale", "7", "seed", "1234")),
            0.002, "2026-11-20T21:14:05Z"));
    Files.copy(alley, backup.resolve("alley-copy.png"), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.COPY_ATTRIBUTES);

    Path harbor = renders.resolve("sunset-harbor.jpg");
    writeImage(sunsetHarbor(), "jpg", harbor);
    embed(harbor, "Fishing boats in a harbor at sunset", "Midjourney",
        Map.of("style", new String[] {"photoreal"}, "mood", new String[] {"calm", "warm"},
            "subject", new String[] {"harbor", "boats"}, "colors", new String[] {"orange", "navy"}),
        new Generation("midjourney", "v6", "fishing boats in a quiet harbor at sunset, golden hour",
            null, new TreeMap<>(Map.of("ar", "4:3", "stylize", "250")), 0.01, "2026-11-18T08:02:44Z"));

    Path fox = renders.resolve("watercolor-fox.tif");
    writeImage(watercolorFox(), "tiff", fox);
    embed(fox, "A red fox painted in loose watercolor", "Firefly",
        Map.of("style", new String[] {"watercolor"}, "subject", new String[] {"fox", "animal"},
            "colors", new String[] {"red", "white"}),
        new Generation("firefly", "image-3", "red fox, loose watercolor, white paper", null,
            new TreeMap<>(), null, "2026-11-19T12:30:00Z"));

    Path tone = inbox.resolve("ambient-tone.wav");
    Files.write(tone, sineWav(220.0, 1.0, 8000));
    embed(tone, "A soft 220 Hz ambient tone", "alice samples",
        Map.of("mood", new String[] {"calm"}, "subject", new String[] {"tone"}), null);

    writeImage(portrait(), "jpg", inbox.resolve("untagged-portrait.jpg"));
    writeImage(pattern(), "png", inbox.resolve("pattern.png"));

    // Damaged on purpose: the header of a JPEG cut short, to show how errors are reported.
    byte[] whole = Files.readAllBytes(inbox.resolve("untagged-portrait.jpg"));
    Files.write(damaged.resolve("truncated.jpg"), Arrays.copyOf(whole, 300));
  }

  private static void embed(Path file, String description, String tool, Map<String, String[]> tags,
      Generation generation) throws IOException {
    MetadataEmbedder.embed(file, m -> {
      AliceMetadata.Builder b = m.toBuilder().description(description).creatorTool(tool).generation(generation);
      new TreeMap<>(tags).forEach((category, values) -> {
        for (String value : values) {
          b.addTag(category, value);
        }
      });
      return b.build();
    });
  }

  private static void writeImage(BufferedImage image, String format, Path file) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, format, out)) {
      throw new IOException("no ImageIO writer for " + format);
    }
    Files.write(file, out.toByteArray());
  }

  private static BufferedImage canvas(int w, int h, Color top, Color bottom) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, top, 0, h, bottom));
    g.fillRect(0, 0, w, h);
    g.dispose();
    return img;
  }

  static BufferedImage neonAlley() {
    BufferedImage img = canvas(320, 240, new Color(10, 5, 30), new Color(40, 10, 60));
    Graphics2D g = img.createGraphics();
    Random random = new Random(7);
    for (int i = 0; i < 40; i++) {
      g.setColor(i % 2 == 0 ? new Color(255, 0, 200, 160) : new Color(0, 230, 255, 160));
      g.fillRect(random.nextInt(320), random.nextInt(160), 3 + random.nextInt(30), 2 + random.nextInt(6));
    }
    g.setColor(new Color(20, 20, 30));
    g.fillRect(0, 180, 320, 60);
    g.dispose();
    return img;
  }

  static BufferedImage sunsetHarbor() {
    BufferedImage img = canvas(320, 240, new Color(255, 140, 40), new Color(20, 30, 80));
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(255, 210, 120));
    g.fillOval(130, 90, 60, 60);
    g.setColor(new Color(15, 20, 50));
    for (int x = 20; x < 320; x += 70) {
      g.fillPolygon(new int[] {x, x + 40, x + 32, x + 8}, new int[] {190, 190, 205, 205}, 4);
      g.fillRect(x + 19, 150, 2, 40);
    }
    g.dispose();
    return img;
  }

  static BufferedImage watercolorFox() {
    BufferedImage img = canvas(200, 160, new Color(250, 248, 240), new Color(235, 230, 220));
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(210, 80, 30, 190));
    g.fillOval(50, 60, 90, 50);
    g.fillPolygon(new int[] {120, 165, 140}, new int[] {70, 50, 95}, 3);
    g.setColor(new Color(250, 250, 250, 220));
    g.fillOval(140, 75, 18, 12);
    g.dispose();
    return img;
  }

  static BufferedImage portrait() {
    BufferedImage img = canvas(240, 320, new Color(200, 190, 180), new Color(120, 110, 100));
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(230, 190, 160));
    g.fillOval(80, 70, 80, 100);
    g.setColor(new Color(60, 40, 30));
    g.fillRect(60, 190, 120, 130);
    g.dispose();
    return img;
  }

  static BufferedImage pattern() {
    BufferedImage img = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 128; y++) {
      for (int x = 0; x < 128; x++) {
        img.setRGB(x, y, ((x / 16 + y / 16) % 2 == 0) ? 0x2E7D32 : 0xF5F5F5);
      }
    }
    return img;
  }

  /** 16-bit mono PCM: RIFF/WAVE with fmt and data chunks. */
  static byte[] sineWav(double hz, double seconds, int rate) {
    int samples = (int) (seconds * rate);
    ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate)
        .putInt(rate * 2).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt(samples * 2);
    for (int i = 0; i < samples; i++) {
      b.putShort((short) (Math.sin(2 * Math.PI * hz * i / rate) * 8000));
    }
    return b.array();
  }
}
