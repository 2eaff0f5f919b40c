package ai.alicemultiverse.generators;

import static ai.alicemultiverse.generators.GeneratedFiles.app11C2pa;
import static ai.alicemultiverse.generators.GeneratedFiles.chunk;
import static ai.alicemultiverse.generators.GeneratedFiles.exifUserComment;
import static ai.alicemultiverse.generators.GeneratedFiles.iTXt;
import static ai.alicemultiverse.generators.GeneratedFiles.tEXt;
import static ai.alicemultiverse.generators.GeneratedFiles.withChunks;
import static ai.alicemultiverse.generators.GeneratedFiles.withSegments;
import static ai.alicemultiverse.generators.GeneratedFiles.zTXt;
import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.codec.Codecs;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.testing.Vectors;
import ai.alicemultiverse.xmp.Generation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Generator traces in real vector files and in files written with the chunk names and keys each tool uses. */
class GeneratorMetadataTest {

  static GeneratorImport read(byte[] file) throws IOException {
    try (MediaSource source = new BytesMediaSource(file)) {
      ContainerCodec codec = Codecs.forSource(source);
      return GeneratorMetadata.read(source, codec.format(source), codec.readXmp(source).orElse(null));
    }
  }

  static byte[] withXmp(byte[] file, String xmp) throws IOException {
    try (MediaSource source = new BytesMediaSource(file)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Codecs.forSource(source).writeXmp(source, xmp, out);
      return out.toByteArray();
    }
  }

  static String xmp(String properties) {
    return "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
        + " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\""
        + " xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\">"
        + properties + "</rdf:Description></rdf:RDF></x:xmpmeta>";
  }

  static String description(String text) {
    return "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + text + "</rdf:li></rdf:Alt></dc:description>";
  }

  static TreeMap<String, String> params(String... kv) {
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void stableDiffusionWebUiVector() throws IOException {
    GeneratorImport imported = read(Vectors.bytes("a1111.png"));
    assertThat(imported.generation()).isEqualTo(new Generation("stable-diffusion-webui", "sdxl_base",
        "cyberpunk woman portrait, neon lights", "blurry",
        new TreeMap<>(params("steps", "30", "sampler", "DPM++ 2M", "cfg_scale", "7", "seed", "1234", "size", "96x64")),
        null, null));
    assertThat(imported.sources()).containsExactly("png:parameters");
    assertThat(imported.c2pa()).isFalse();
  }

  @Test
  void webUiQuotedValuesMultilinePromptsAndExtraKeys() {
    Generation g = A1111Parameters.parse("a castle\non a hill\nNegative prompt: fog,\nrain\n"
        + "Steps: 20, Sampler: Euler a, Schedule type: Karras, CFG scale: 5.5, Seed: 42, Size: 512x768,"
        + " Model hash: abc123, Model: dreamshaper_8, Lora hashes: \"a: 1, b: 2\", Version: v1.10.1");
    assertThat(g.prompt()).isEqualTo("a castle\non a hill");
    assertThat(g.negativePrompt()).isEqualTo("fog,\nrain");
    assertThat(g.model()).isEqualTo("dreamshaper_8");
    assertThat(g.parameters()).containsExactlyInAnyOrderEntriesOf(params("steps", "20", "sampler", "Euler a",
        "schedule_type", "Karras", "cfg_scale", "5.5", "seed", "42", "size", "512x768", "model_hash", "abc123",
        "lora_hashes", "a: 1, b: 2", "version", "v1.10.1"));
    assertThat(A1111Parameters.parse("just some words")).isNull();
  }

  @Test
  void webUiParametersInJpegExifUserComment() throws IOException {
    byte[] jpeg = withSegments(Vectors.bytes("plain.jpg"),
        exifUserComment("a red fox\nNegative prompt: text\nSteps: 25, Sampler: DPM++ SDE, CFG scale: 6, Seed: 7,"
            + " Size: 640x480, Model: juggernaut"));
    Generation g = read(jpeg).generation();
    assertThat(g.provider()).isEqualTo("stable-diffusion-webui");
    assertThat(g.prompt()).isEqualTo("a red fox");
    assertThat(g.negativePrompt()).isEqualTo("text");
    assertThat(g.model()).isEqualTo("juggernaut");
    assertThat(g.parameters()).containsEntry("seed", "7").containsEntry("size", "640x480");
  }

  static final String COMFY_PROMPT = "{"
      + "\"3\":{\"class_type\":\"KSampler\",\"inputs\":{\"seed\":156680208700286,\"steps\":20,\"cfg\":8,"
      + "\"sampler_name\":\"euler\",\"scheduler\":\"normal\",\"denoise\":1,\"model\":[\"10\",0],"
      + "\"positive\":[\"6\",0],\"negative\":[\"7\",0],\"latent_image\":[\"5\",0]}},"
      + "\"4\":{\"class_type\":\"CheckpointLoaderSimple\",\"inputs\":{\"ckpt_name\":\"v1-5-pruned-emaonly.safetensors\"}},"
      + "\"10\":{\"class_type\":\"LoraLoader\",\"inputs\":{\"model\":[\"4\",0],\"clip\":[\"4\",1],\"lora_name\":\"x.safetensors\"}},"
      + "\"5\":{\"class_type\":\"EmptyLatentImage\",\"inputs\":{\"width\":512,\"height\":768,\"batch_size\":1}},"
      + "\"7\":{\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"text\":\"text, watermark\",\"clip\":[\"4\",1]}},"
      + "\"6\":{\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"text\":\"beautiful scenery nature glass bottle\","
      + "\"clip\":[\"4\",1]}},"
      + "\"9\":{\"class_type\":\"SaveImage\",\"inputs\":{\"filename_prefix\":\"ComfyUI\",\"images\":[\"8\",0]}}}";

  static final String COMFY_WORKFLOW = "{\"last_node_id\":9,\"nodes\":["
      + "{\"id\":7,\"type\":\"CLIPTextEncode\",\"inputs\":[{\"name\":\"clip\",\"link\":5}],\"widgets_values\":[\"blurry\"]},"
      + "{\"id\":6,\"type\":\"CLIPTextEncode\",\"inputs\":[{\"name\":\"clip\",\"link\":3}],"
      + "\"widgets_values\":[\"a lighthouse at dusk\"]},"
      + "{\"id\":4,\"type\":\"CheckpointLoaderSimple\",\"widgets_values\":[\"sd_xl_base_1.0.safetensors\"]},"
      + "{\"id\":3,\"type\":\"KSampler\",\"inputs\":[{\"name\":\"model\",\"link\":1},{\"name\":\"positive\",\"link\":4},"
      + "{\"name\":\"negative\",\"link\":6}],\"widgets_values\":[99,\"randomize\",30,7.5,\"dpmpp_2m\",\"karras\",1]},"
      + "{\"id\":5,\"type\":\"EmptyLatentImage\",\"widgets_values\":[1024,1024,1]}],"
      + "\"links\":[[1,4,0,3,0,\"MODEL\"],[4,6,0,3,1,\"CONDITIONING\"],[6,7,0,3,2,\"CONDITIONING\"]]}";

  @Test
  void comfyUiPromptGraph() throws IOException {
    byte[] png = withChunks(Vectors.bytes("plain.png"), tEXt("prompt", COMFY_PROMPT), tEXt("workflow", COMFY_WORKFLOW));
    GeneratorImport imported = read(png);
    assertThat(imported.generation()).isEqualTo(new Generation("comfyui", "v1-5-pruned-emaonly.safetensors",
        "beautiful scenery nature glass bottle", "text, watermark",
        new TreeMap<>(params("seed", "156680208700286", "steps", "20", "cfg_scale", "8", "sampler", "euler",
            "scheduler", "normal", "denoise", "1", "size", "512x768")), null, null));
    assertThat(imported.sources()).containsExactly("png:prompt");
  }

  @Test
  void comfyUiWorkflowAloneFollowsTheLinks() throws IOException {
    GeneratorImport imported = read(withChunks(Vectors.bytes("plain.png"), iTXt("workflow", COMFY_WORKFLOW, true)));
    assertThat(imported.generation()).isEqualTo(new Generation("comfyui", "sd_xl_base_1.0.safetensors",
        "a lighthouse at dusk", "blurry",
        new TreeMap<>(params("seed", "99", "steps", "30", "cfg_scale", "7.5", "sampler", "dpmpp_2m",
            "scheduler", "karras", "denoise", "1", "size", "1024x1024")), null, null));
  }

  @Test
  void midjourneyXmpDescription() throws IOException {
    byte[] jpeg = withXmp(Vectors.bytes("plain.jpg"), xmp(
        description("a fox in the snow, watercolor --ar 16:9 --v 6.1 --stylize 250 --no people"
            + " Job ID: 0b5e3f9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b")
        + "<Iptc4xmpExt:DigitalSourceType>http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
        + "</Iptc4xmpExt:DigitalSourceType>"));
    Generation g = read(jpeg).generation();
    assertThat(g).isEqualTo(new Generation("midjourney", "v6.1", "a fox in the snow, watercolor", "people",
        new TreeMap<>(params("ar", "16:9", "stylize", "250", "job_id", "0b5e3f9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
            "digital_source_type", "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia")),
        null, null));
  }

  @Test
  void midjourneyPngDescriptionAndAuthorChunks() throws IOException {
    byte[] png = withChunks(Vectors.bytes("plain.png"), tEXt("Author", "fox_fan"),
        tEXt("Description", "neon city at night --niji 6 --ar 2:3 Job ID: 11111111-2222-3333-4444-555555555555"));
    Generation g = read(png).generation();
    assertThat(g).isEqualTo(new Generation("midjourney", "niji 6", "neon city at night", null,
        new TreeMap<>(params("ar", "2:3", "job_id", "11111111-2222-3333-4444-555555555555", "author", "fox_fan")),
        null, null));
  }

  @Test
  void fireflyCreatorTool() throws IOException {
    byte[] png = withXmp(Vectors.bytes("plain.png"), xmp(description("a teapot made of clouds")
        + "<xmp:CreatorTool>Adobe Firefly Image 3</xmp:CreatorTool>"));
    assertThat(read(png).generation()).isEqualTo(new Generation("adobe-firefly", "Adobe Firefly Image 3",
        "a teapot made of clouds", null, new TreeMap<>(), null, null));
  }

  @Test
  void dallEByOpenAiCreditAndC2paChunk() throws IOException {
    byte[] png = withXmp(Vectors.bytes("plain.png"), xmp(description("an astronaut riding a horse")
        + "<photoshop:Credit>Made with OpenAI DALL·E 3</photoshop:Credit>"));
    png = withChunks(png, chunk("caBX", new byte[] {0, 0, 0, 8, 'j', 'u', 'm', 'b'}));
    GeneratorImport imported = read(png);
    assertThat(imported.generation()).isEqualTo(new Generation("openai", "dall-e-3", "an astronaut riding a horse",
        null, new TreeMap<>(params("credit", "Made with OpenAI DALL·E 3", "c2pa", "present")), null, null));
    assertThat(imported.c2pa()).isTrue();
    assertThat(imported.sources()).containsExactly("xmp", "c2pa");
  }

  @Test
  void c2paInJpegApp11() throws IOException {
    GeneratorImport imported = read(withSegments(Vectors.bytes("plain.jpg"), app11C2pa()));
    assertThat(imported.c2pa()).isTrue();
    assertThat(imported.generation().parameters()).isEqualTo(params("c2pa", "present"));
  }

  @Test
  void unknownGeneratorTextIsKeptRaw() throws IOException {
    byte[] png = withChunks(Vectors.bytes("plain.png"), zTXt("parameters", "some tool: made this"),
        tEXt("date:create", "2026-01-01T00:00:00+00:00"));
    GeneratorImport imported = read(png);
    assertThat(imported.generation()).isEqualTo(new Generation(null, null, null, null,
        new TreeMap<>(params("raw_parameters", "some tool: made this")), null, null));
  }

  @Test
  void aPlainFileNamesNoGenerator() throws IOException {
    for (String name : new String[] {"plain.png", "plain.jpg", "plain.mp4", "plain.wav"}) {
      assertThat(read(Vectors.bytes(name))).as(name).isEqualTo(GeneratorImport.none());
    }
  }

  @Test
  void aCreatorNamedMidjourneyIsEnough() throws IOException {
    // tagged.png carries dc:creator "Midjourney" and dc:description "cyberpunk portrait"
    assertThat(read(Vectors.bytes("tagged.png")).generation()).isEqualTo(new Generation("midjourney", null,
        "cyberpunk portrait", null, params("author", "Midjourney"), null, null));
  }

  @Test
  void theFilesOwnGenerationWinsFieldByField() {
    Generation own = new Generation("midjourney", null, "my prompt", null, params("seed", "1"), 0.04, null);
    Generation imported = new Generation("comfyui", "m", "other", "neg", params("seed", "2", "steps", "9"), null, null);
    assertThat(GenerationMerge.merge(own, imported)).isEqualTo(new Generation("midjourney", "m", "my prompt", "neg",
        params("seed", "1", "steps", "9"), 0.04, null));
  }
}
