package ai.alicemultiverse.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.testing.ExifTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A BigTIFF made by ImageMagick takes tags like a classic TIFF (it was refused), and ExifTool reads them back. */
class BigTiffWriteTest {
  @TempDir Path dir;

  @Test
  void aBigTiffIsTaggedAndExifToolReadsItBack() throws Exception {
    assumeTrue(ExifTool.available(), "exiftool is not installed");
    Path file = dir.resolve("big.btf"); // ExifTool warns about a BigTIFF named .tif
    Process convert;
    try {
      convert = new ProcessBuilder("convert", "-size", "64x48", "plasma:fractal", "TIFF64:" + file)
          .redirectErrorStream(true).start();
    } catch (IOException notInstalled) {
      assumeTrue(false, "ImageMagick's convert is not installed");
      return;
    }
    convert.getInputStream().readAllBytes();
    assertThat(convert.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(ExifTool.run("-s3", "-FileType", file.toString())).contains("BTF"); // ExifTool's name for BigTIFF
    String before = hash(file);

    MetadataEmbedder.Result result = MetadataEmbedder.embed(file, m -> m.withTag("style", "bigtiff"));

    assertThat(result.changed()).isTrue();
    assertThat(hash(file)).isEqualTo(before).isEqualTo(result.contentHash());
    assertThat(ExifTool.xmpJson(file)).contains("bigtiff");
    assertThat(ExifTool.warnings(file)).isEmpty();
  }

  private static String hash(Path file) throws IOException {
    try (MediaSource source = ChannelMediaSource.open(file)) {
      return MediaInspector.inspect(source, true).contentHash();
    }
  }
}
