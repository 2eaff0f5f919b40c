package ai.alicemultiverse.understanding;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.Codecs;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.xmp.ProviderOutput;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Understanding without a network: what can be measured from the file itself. Tags:
 * <ul>
 *   <li>{@code media}: image, video or audio;
 *   <li>{@code colors}: up to three dominant colour names (images ImageIO can decode);
 *   <li>{@code orientation}: landscape, portrait or square (images);
 *   <li>{@code size}: small (long side ≤ 512 px), medium (≤ 1536), large (≤ 4096) or huge;
 *   <li>{@code duration}: clip (&lt; 15 s), short (&lt; 60 s), medium (&lt; 10 min) or long, for audio and
 *       video whose duration the container states (WAV, MP4, MOV, M4A).
 * </ul>
 * A file it cannot decode still gets its media kind. The cost is 0.
 */
public final class OfflineProvider implements UnderstandingProvider {
  private static final long serialVersionUID = 1L;
  public static final String NAME = "offline";
  public static final String MODEL = "alice-offline-1";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Understanding understand(MediaItem item) throws IOException {
    TreeMap<String, List<String>> tags = new TreeMap<>();
    String kind = item.format().mediaType();
    tags.put("media", List.of(kind));
    if (kind.equals("image")) {
      BufferedImage image = ImageIO.read(item.file().toFile()); // null for formats ImageIO lacks (WebP)
      if (image != null) {
        tags.put("colors", ColorNames.dominant(image));
        tags.put("orientation", List.of(orientation(image.getWidth(), image.getHeight())));
        tags.put("size", List.of(sizeClass(image.getWidth(), image.getHeight())));
      }
    } else {
      Double seconds = durationSeconds(item);
      if (seconds != null) {
        tags.put("duration", List.of(durationClass(seconds)));
      }
    }
    tags.values().removeIf(List::isEmpty);
    StringBuilder summary = new StringBuilder();
    for (Map.Entry<String, List<String>> e : tags.entrySet()) {
      summary.append(summary.isEmpty() ? "" : "; ").append(e.getKey()).append(": ")
          .append(String.join(", ", e.getValue()));
    }
    ProviderOutput output = new ProviderOutput(NAME, MODEL, summary.toString(), 0.0,
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    return new Understanding(tags, null, output);
  }

  static String orientation(int width, int height) {
    if (width > height * 1.05) {
      return "landscape";
    }
    if (height > width * 1.05) {
      return "portrait";
    }
    return "square";
  }

  static String sizeClass(int width, int height) {
    int longSide = Math.max(width, height);
    if (longSide <= 512) {
      return "small";
    }
    if (longSide <= 1536) {
      return "medium";
    }
    return longSide <= 4096 ? "large" : "huge";
  }

  static String durationClass(double seconds) {
    if (seconds < 15) {
      return "clip";
    }
    if (seconds < 60) {
      return "short";
    }
    return seconds < 600 ? "medium" : "long";
  }

  /** What the container's own header states (WAV: fmt and data size; MP4/MOV/M4A: mvhd), or null. */
  static Double durationSeconds(MediaItem item) throws IOException {
    try (MediaSource source = ChannelMediaSource.open(item.file())) {
      return Codecs.forFormat(item.format()).statedDurationSeconds(source);
    }
  }
}
