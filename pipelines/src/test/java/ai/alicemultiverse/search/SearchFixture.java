package ai.alicemultiverse.search;

import ai.alicemultiverse.media.MetadataEmbedder;
import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.xmp.AliceMetadata;
import ai.alicemultiverse.xmp.Generation;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** A small library of real files with embedded metadata, and a cache built from it by the real rebuild. */
final class SearchFixture {
  final Path root;
  final Path cache;
  /** File name (without folder) to content hash. */
  final Map<String, String> hashes = new LinkedHashMap<>();

  SearchFixture(Path dir) throws IOException {
    this.root = dir.resolve("library");
    this.cache = dir.resolve("alice.duckdb");
    Path renders = Files.createDirectories(root.resolve("renders"));
    Path backup = Files.createDirectories(root.resolve("backup"));
    Path audio = Files.createDirectories(root.resolve("audio"));

    image(renders.resolve("neon.png"), 1, 16, "A neon portrait in the rain",
        gen("midjourney", "v6", "rain, cinematic", "2025-03-01T10:00:00Z"),
        "style:cyberpunk", "mood:dark", "subject:portrait");
    image(renders.resolve("scattered.png"), 2, 16, "Portrait, portrait: neon, neon signs behind a woman",
        gen("dalle", "dall-e-3", "woman, street at night", "2024-06-01T08:00:00Z"),
        "style:photo", "mood:dark", "subject:woman");
    image(renders.resolve("cats.png"), 3, 16, "Two cats sitting on boxes in old cities",
        gen("flux", "flux-pro", "cats on boxes", "2025-01-15T12:00:00Z"),
        "style:watercolor", "subject:cat");
    image(renders.resolve("lake.png"), 4, 200, "A quiet lake at dawn", null, "mood:calm", "colors:blue");
    Files.copy(renders.resolve("neon.png"), backup.resolve("neon-copy.png"));
    hashes.put("neon-copy.png", hashes.get("neon.png"));
    wav(audio.resolve("rain.wav"), "Rain on a tin roof",
        gen("suno", "v4", "rain ambience", "2025-02-01T00:00:00Z"), "mood:calm", "subject:rain");
  }

  void rebuild() throws IOException {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    RebuildPipeline.run(new RebuildConfig(List.of(root.toString()), cache, cache.resolveSibling("parquet"), false),
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create(), quiet);
  }

  String hash(String name) {
    return hashes.get(name);
  }

  static Generation gen(String provider, String model, String prompt, String at) {
    return new Generation(provider, model, prompt, null, null, null, at);
  }

  /** A PNG whose pixels depend on {@code seed} (so each has its own content hash), then tagged. */
  void image(Path file, int seed, int size, String description, Generation generation, String... tags)
      throws IOException {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        img.setRGB(x, y, (x * 31 + y * 17 + seed * 1_000_003) * (size > 100 ? x * y + 1 : 1));
      }
    }
    ImageIO.write(img, "png", file.toFile());
    embed(file, description, generation, tags);
  }

  void wav(Path file, String description, Generation generation, String... tags) throws IOException {
    byte[] pcm = new byte[8000];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (byte) (Math.sin(i / 5.0) * 100);
    }
    AudioFormat format = new AudioFormat(8000, 8, 1, true, false);
    try (AudioInputStream in = new AudioInputStream(new java.io.ByteArrayInputStream(pcm), format, pcm.length)) {
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, new File(file.toString()));
    }
    embed(file, description, generation, tags);
  }

  private void embed(Path file, String description, Generation generation, String... tags) throws IOException {
    MetadataEmbedder.Result result = MetadataEmbedder.embed(file, m -> {
      AliceMetadata.Builder b = m.toBuilder().description(description).generation(generation);
      for (String tag : tags) {
        String[] parts = tag.split(":", 2);
        b.addTag(parts[0], parts[1]);
      }
      return b.build();
    });
    hashes.put(file.getFileName().toString(), result.contentHash());
  }
}
