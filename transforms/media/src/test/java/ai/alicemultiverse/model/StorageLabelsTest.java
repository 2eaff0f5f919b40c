package ai.alicemultiverse.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A location's label types the files under it, by whole folders, the nearest location winning. */
class StorageLabelsTest {
  @Test
  void theNearestLabelledLocationWinsByWholeFolders() {
    StorageLabels labels = StorageLabels.of(Map.of("/mnt/usb", "external", "/mnt/usb/nas", "network"));

    assertThat(labels.of("/mnt/usb/a.png")).isEqualTo("external");
    assertThat(labels.of("/mnt/usb/nas/b/c.png")).isEqualTo("network");
    assertThat(labels.of("/mnt/usbx/a.png")).as("not under /mnt/usb").isEqualTo(StorageType.of("/mnt/usbx/a.png"));
    assertThat(labels.of("s3://b/a.png")).isEqualTo("s3");
  }

  @Test
  void aGlobLabelsTheFilesUnderItsFolderAndObjectStoresNeedNone() {
    StorageLabels labels = StorageLabels.of(Map.of("/mnt/usb/*.png", "external", "s3://b/p", "s3"));

    assertThat(labels.of("/mnt/usb/a.png")).isEqualTo("external");
    assertThat(StorageLabels.of(Map.of("s3://b/p", "s3")).isEmpty()).isTrue();
    assertThat(StorageLabels.none().of("gs://b/k")).isEqualTo("gcs");
  }

  @Test
  void aRootIsRecordedAbsoluteEvenAsARelativeGlob() {
    Path here = Path.of("").toAbsolutePath();

    assertThat(Root.parse("pics/../pics/*.jpg").absolute()).isEqualTo(here.resolve("pics/*.jpg").toString());
    assertThat(Root.parse("pics").absolute()).isEqualTo(here.resolve("pics").toString());
    assertThat(Root.parse("/x/*.jpg").absolute()).isEqualTo("/x/*.jpg");
    assertThat(Root.parse("s3://b/p/").absolute()).isEqualTo("s3://b/p");
    assertThat(Root.parse("gs://b/*.jpg").absolute()).isEqualTo("gs://b/*.jpg");
  }
}
