package ai.alicemultiverse.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.testing.Vectors;
import ai.alicemultiverse.xmp.AliceMetadata;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineProviderTest {
  @TempDir Path dir;
  final OfflineProvider provider = new OfflineProvider();

  Path image(int width, int height, Color left, Color right, String format) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(left);
    g.fillRect(0, 0, width * 6 / 10, height);
    g.setColor(right);
    g.fillRect(width * 6 / 10, 0, width, height);
    g.dispose();
    Path file = dir.resolve("image." + format);
    ImageIO.write(image, format, file.toFile());
    return file;
  }

  @Test
  void colorsOrientationSizeAndKindOfAnImage() throws IOException {
    Path file = image(800, 400, new Color(200, 20, 20), new Color(20, 40, 220), "png");
    Understanding u = provider.understand(new MediaItem(file, MediaFormat.PNG, Files.size(file)));
    assertThat(u.tags()).isEqualTo(Map.of(
        "colors", List.of("red", "blue"),
        "media", List.of("image"),
        "orientation", List.of("landscape"),
        "size", List.of("medium")));
    assertThat(u.output().provider()).isEqualTo("offline");
    assertThat(u.output().model()).isEqualTo("alice-offline-1");
    assertThat(u.output().cost()).isEqualTo(0.0);
    assertThat(u.output().output())
        .isEqualTo("colors: red, blue; media: image; orientation: landscape; size: medium");
  }

  @Test
  void portraitSmallGrayAndWhite() throws IOException {
    Path file = image(100, 300, Color.WHITE, Color.GRAY, "jpg");
    Understanding u = provider.understand(new MediaItem(file, MediaFormat.JPEG, Files.size(file)));
    assertThat(u.tags()).containsEntry("colors", List.of("white", "gray"))
        .containsEntry("orientation", List.of("portrait")).containsEntry("size", List.of("small"));
  }

  @Test
  void durationFromTheContainer() throws IOException {
    Path wav = Vectors.file("plain.wav");
    Understanding audio = provider.understand(new MediaItem(wav, MediaFormat.WAV, Files.size(wav)));
    assertThat(audio.tags()).isEqualTo(Map.of("media", List.of("audio"), "duration", List.of("clip")));
    Path mp4 = Vectors.file("plain.mp4");
    Understanding video = provider.understand(new MediaItem(mp4, MediaFormat.MP4, Files.size(mp4)));
    assertThat(video.tags()).isEqualTo(Map.of("media", List.of("video"), "duration", List.of("clip")));
    assertThat(OfflineProvider.durationClass(14.9)).isEqualTo("clip");
    assertThat(OfflineProvider.durationClass(15)).isEqualTo("short");
    assertThat(OfflineProvider.durationClass(599)).isEqualTo("medium");
    assertThat(OfflineProvider.durationClass(600)).isEqualTo("long");
  }

  @Test
  void applyingTheSameAnswerTwiceChangesNothing() throws IOException {
    Path file = image(64, 64, Color.GREEN, Color.GREEN, "png");
    MediaItem item = new MediaItem(file, MediaFormat.PNG, Files.size(file));
    AliceMetadata once = provider.understand(item).applyTo(AliceMetadata.builder().addTag("style", "flat").build());
    Understanding again = new Understanding(provider.understand(item).tags(), null,
        new ai.alicemultiverse.xmp.ProviderOutput("offline", "alice-offline-1",
            once.providerOutputs().get(0).output(), 0.0, "2030-01-01T00:00:00Z"));
    assertThat(again.applyTo(once)).isEqualTo(once);
    assertThat(once.tags()).containsEntry("style", List.of("flat")).containsEntry("colors", List.of("green"));
  }
}
