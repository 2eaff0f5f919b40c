package ai.alicemultiverse.understanding;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names the dominant colours of an image: pixels on a grid of at most 96×96 samples are binned into
 * eleven plain colour names by hue, saturation and brightness; names covering at least
 * {@link #MIN_SHARE} of the samples are returned, most common first, at most three.
 */
final class ColorNames {
  static final double MIN_SHARE = 0.15;
  private static final int GRID = 96;

  private ColorNames() {}

  static List<String> dominant(BufferedImage image) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    int w = image.getWidth();
    int h = image.getHeight();
    int stepX = Math.max(1, w / GRID);
    int stepY = Math.max(1, h / GRID);
    int total = 0;
    float[] hsb = new float[3];
    for (int y = stepY / 2; y < h; y += stepY) {
      for (int x = stepX / 2; x < w; x += stepX) {
        int argb = image.getRGB(x, y);
        if ((argb >>> 24) < 128) {
          continue; // transparent pixels have no colour to speak of
        }
        Color.RGBtoHSB((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF, hsb);
        counts.merge(name(hsb[0] * 360, hsb[1], hsb[2]), 1, Integer::sum);
        total++;
      }
    }
    List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, Integer> e : sorted) {
      if (names.size() < 3 && e.getValue() >= MIN_SHARE * total) {
        names.add(e.getKey());
      }
    }
    return names;
  }

  /** hue in degrees, saturation and brightness in 0..1. */
  static String name(float hue, float saturation, float brightness) {
    if (brightness < 0.18f) {
      return "black";
    }
    if (saturation < 0.15f) {
      return brightness > 0.85f ? "white" : "gray";
    }
    if ((hue < 45 || hue >= 345) && brightness < 0.6f && saturation > 0.3f && hue >= 10 && hue < 45) {
      return "brown";
    }
    if (hue < 15 || hue >= 345) {
      return "red";
    }
    if (hue < 45) {
      return "orange";
    }
    if (hue < 70) {
      return "yellow";
    }
    if (hue < 165) {
      return "green";
    }
    if (hue < 200) {
      return "cyan";
    }
    if (hue < 260) {
      return "blue";
    }
    if (hue < 290) {
      return "purple";
    }
    return "pink";
  }
}
