package ai.alicemultiverse.search;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.Codecs;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.media.MetadataEmbedder;
import ai.alicemultiverse.pipelines.CacheVerifier;
import ai.alicemultiverse.pipelines.CacheVerifier.Drift;
import ai.alicemultiverse.pipelines.CacheVerifier.Kind;
import ai.alicemultiverse.xmp.AliceMetadata;
import ai.alicemultiverse.xmp.AliceXmp;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify against real files changed after the rebuild. */
class CacheVerifierTest {
  @TempDir Path dir;

  @Test
  void reportsDeletedMovedEditedAndRepaintedFiles() throws Exception {
    SearchFixture lib = new SearchFixture(dir);
    lib.rebuild();
    Path renders = lib.root.resolve("renders");
    assertThat(verify(lib, List.of())).isEmpty();
    assertThat(CacheSearchTest.cli("verify", "--cache", lib.cache.toString()).code()).isZero();

    Files.delete(renders.resolve("scattered.png"));
    Files.move(renders.resolve("cats.png"), lib.root.resolve("audio/cats-moved.png"));
    // another tool rewrites the XMP with a newer layout version, straight through the codec
    rewriteXmp(renders.resolve("lake.png"), m -> m.toBuilder().description("edited elsewhere").metadataVersion(2).build());
    // and an editor repaints the pixels (its XMP is gone too, so only the media hash tells)
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    ImageIO.write(img, "png", lib.root.resolve("backup/neon-copy.png").toFile());

    List<Drift> drift = verify(lib, List.of());
    assertThat(drift).extracting(Drift::kind, d -> Path.of(d.path()).getFileName().toString()).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Kind.CHANGED, "neon-copy.png"),
        org.assertj.core.groups.Tuple.tuple(Kind.MISSING, "cats.png"),
        org.assertj.core.groups.Tuple.tuple(Kind.METADATA, "lake.png"),
        org.assertj.core.groups.Tuple.tuple(Kind.MISSING, "scattered.png"));
    assertThat(drift.get(2).detail()).isEqualTo("metadata_version is 2 in the file, 1 in the cache");

    // With a root, files the cache never saw under it are drift too: the moved file shows at its new place.
    List<Drift> underAudio = verify(lib, List.of(lib.root.resolve("audio")));
    assertThat(underAudio).extracting(Drift::kind, d -> Path.of(d.path()).getFileName().toString())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.NEW, "cats-moved.png"));

    CacheSearchTest.Run run = CacheSearchTest.cli("verify", "--cache", lib.cache.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("missing").contains("4 difference(s)");
  }

  @Test
  void aCopyFoundAgainUnderARootIsOneMoveNotAMissingAndANewFile() throws Exception {
    SearchFixture lib = new SearchFixture(dir);
    lib.rebuild();
    Path moved = lib.root.resolve("audio/cats-moved.png");
    Files.move(lib.root.resolve("renders/cats.png"), moved);
    Files.delete(lib.root.resolve("renders/lake.png"));
    // a file the cache never saw, and a second copy of a missing one: the first copy found is the move
    lib.image(lib.root.resolve("audio/fresh.png"), 9, 16, "new", null);
    Files.copy(moved, lib.root.resolve("renders/zz-cats-again.png"));

    List<Drift> drift = verify(lib, List.of(lib.root));
    assertThat(drift).extracting(Drift::kind, d -> lib.root.relativize(Path.of(d.path())).toString())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.NEW, "audio/fresh.png"),
            org.assertj.core.groups.Tuple.tuple(Kind.MOVED, "renders/cats.png"),
            org.assertj.core.groups.Tuple.tuple(Kind.MISSING, "renders/lake.png"),
            org.assertj.core.groups.Tuple.tuple(Kind.NEW, "renders/zz-cats-again.png"));
    assertThat(drift.get(1).detail()).isEqualTo("now at " + moved);
    assertThat(drift.get(1).contentHash()).isEqualTo(lib.hash("cats.png"));

    CacheSearchTest.Run run = CacheSearchTest.cli("verify", "--cache", lib.cache.toString(), lib.root.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("moved      " + lib.root.resolve("renders/cats.png") + ": now at " + moved)
        .contains("4 difference(s)");
  }

  @Test
  void aFileTheRebuildCouldNotReadIsUnreadableNotNew() throws Exception {
    SearchFixture lib = new SearchFixture(dir);
    byte[] png = Files.readAllBytes(lib.root.resolve("renders/neon.png"));
    Path broken = lib.root.resolve("renders/broken.png");
    Files.write(broken, java.util.Arrays.copyOf(png, 40));
    lib.rebuild();

    List<Drift> drift = verify(lib, List.of(lib.root));
    assertThat(drift).extracting(Drift::kind, Drift::path).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Kind.UNREADABLE, broken.toString()));
    assertThat(drift.get(0).detail()).startsWith("the last rebuild could not read it: ")
        .contains("end of file");
  }

  @Test
  void everyCopyIsCheckedWhateverTheNumberOfThreads() throws Exception {
    SearchFixture lib = new SearchFixture(dir);
    lib.rebuild();
    Files.delete(lib.root.resolve("renders/scattered.png"));
    for (int threads : new int[] {1, 3}) {
      try (Connection db = CacheFiles.openReadOnly(lib.cache)) {
        CacheVerifier verifier = new CacheVerifier(db, threads, false);
        assertThat(verifier.verify(List.of())).extracting(Drift::kind).containsExactly(Kind.MISSING);
        assertThat(verifier.checked()).isEqualTo(6).isEqualTo(verifier.toCheck());
      }
    }
  }

  @Test
  void metadataEditedWithoutNewVersionIsDriftToo() throws Exception {
    SearchFixture lib = new SearchFixture(dir);
    lib.rebuild();
    MetadataEmbedder.embed(lib.root.resolve("renders/cats.png"), m -> m.withTag("mood", "sleepy"));
    List<Drift> drift = verify(lib, List.of());
    assertThat(drift).extracting(Drift::kind).containsExactly(Kind.METADATA);
    assertThat(drift.get(0).detail()).contains("differs");
  }

  static void rewriteXmp(Path file, java.util.function.UnaryOperator<AliceMetadata> change) throws Exception {
    Path edited = file.resolveSibling(file.getFileName() + ".edited");
    try (MediaSource source = ChannelMediaSource.open(file); OutputStream out = Files.newOutputStream(edited)) {
      ContainerCodec codec = Codecs.forSource(source);
      XmpPacket packet = codec.readXmp(source).orElseThrow();
      codec.writeXmp(source, AliceXmp.write(packet, change.apply(AliceXmp.read(packet))), out);
    }
    Files.move(edited, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static List<Drift> verify(SearchFixture lib, List<Path> roots) throws Exception {
    try (Connection db = CacheFiles.openReadOnly(lib.cache)) {
      return new CacheVerifier(db).verify(roots);
    }
  }
}
