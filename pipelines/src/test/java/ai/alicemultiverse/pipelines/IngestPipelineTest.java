package ai.alicemultiverse.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.media.Inspection;
import ai.alicemultiverse.media.MediaInspector;
import ai.alicemultiverse.understanding.HttpVisionProvider;
import ai.alicemultiverse.understanding.OfflineProvider;
import ai.alicemultiverse.understanding.UnderstandingProvider;
import ai.alicemultiverse.understanding.VisionConfig;
import ai.alicemultiverse.xmp.AliceMetadata;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest end to end on the DirectRunner: real files written, a real DuckDB file updated in place. */
class IngestPipelineTest {
  @TempDir Path work;

  static PipelineOptions directRunner() {
    // as the command line runs it: the immutability / encodability checks are for developing transforms
    return PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--enforceImmutability=false",
        "--enforceEncodability=false").create();
  }

  static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

  static Path vector(String name) {
    String configured = System.getProperty("alice.vectors");
    return Path.of(configured != null ? configured : "../../shared/vectors").resolve(name).toAbsolutePath().normalize();
  }

  Path inbox(String... names) throws IOException {
    Path inbox = Files.createDirectories(work.resolve("inbox"));
    for (String name : names) {
      Path copy = inbox.resolve(name);
      Files.copy(vector(name), copy);
      copy.toFile().setWritable(true);
    }
    return inbox;
  }

  static IngestSummary ingest(Path root, Path cache, UnderstandingProvider provider, boolean dryRun, boolean force)
      throws IOException {
    return IngestPipeline.run(new IngestConfig(List.of(root.toString()), cache, RebuildConfig.defaultParquetDir(cache),
        provider, dryRun, force), directRunner(), QUIET);
  }

  static AliceMetadata embedded(Path file) throws IOException {
    try (MediaSource source = ChannelMediaSource.open(file)) {
      Inspection seen = MediaInspector.inspect(source, true);
      assertThat(seen.hashMismatch()).isFalse();
      return seen.metadata();
    }
  }

  static Map<Path, String> state(Path root) throws IOException {
    Map<Path, String> state = new HashMap<>();
    try (Stream<Path> files = Files.list(root)) {
      for (Path f : files.toList()) {
        state.put(f, java.util.Arrays.hashCode(Files.readAllBytes(f)) + "@" + Files.getLastModifiedTime(f).toMillis());
      }
    }
    return state;
  }

  @Test
  void ingestsEmbedsUpsertsAndIsIdempotent() throws Exception {
    Path inbox = inbox("a1111.png", "plain.jpg", "plain.wav");
    Path cache = work.resolve("cache/alice.duckdb");

    IngestSummary first = ingest(inbox, cache, new OfflineProvider(), false, false);
    assertThat(first.filesMatched()).isEqualTo(3);
    assertThat(first.written()).isEqualTo(3);
    assertThat(first.errors()).isZero();

    // in the file
    AliceMetadata png = embedded(inbox.resolve("a1111.png"));
    assertThat(png.generation().provider()).isEqualTo("stable-diffusion-webui");
    assertThat(png.generation().prompt()).isEqualTo("cyberpunk woman portrait, neon lights");
    assertThat(png.generation().parameters()).containsEntry("seed", "1234");
    assertThat(png.tags()).containsEntry("media", List.of("image")).containsEntry("orientation", List.of("landscape"))
        .containsEntry("size", List.of("small"));
    assertThat(png.processedAt()).isNotNull();
    assertThat(png.providerOutputs()).extracting(p -> p.provider()).containsExactly("offline");

    // in the cache
    String hash = png.contentHash();
    assertThat(CacheRows.query(cache, "SELECT provider, model, prompt, location_count,"
        + " locations[1].path FROM assets WHERE content_hash = '" + hash + "'"))
        .containsExactly(List.of("stable-diffusion-webui", "sdxl_base", "cyberpunk woman portrait, neon lights", "1",
            inbox.resolve("a1111.png").toString()));
    assertThat(CacheRows.query(cache, "SELECT category, value FROM tags WHERE content_hash = '" + hash + "'"
        + " AND category <> 'colors' ORDER BY category"))
        .containsExactly(List.of("media", "image"), List.of("orientation", "landscape"), List.of("size", "small"));
    assertThat(CacheRows.query(cache, "SELECT media_type, location_count FROM assets ORDER BY media_type"))
        .containsExactly(List.of("audio", "1"), List.of("image", "1"), List.of("image", "1"));
    assertThat(CacheRows.single(cache, "SELECT count(*) FROM search_assets")).isEqualTo("3");
    Path history = RebuildConfig.defaultParquetDir(cache).resolve("ingest");
    assertThat(first.parquetRun().getParent()).isEqualTo(history);
    assertThat(RunFolders.files(first.parquetRun().resolve("assets"), ".parquet")).isNotEmpty();

    // again: nothing changes in the files, the cache keeps its rows, the history gets a second run
    Map<Path, String> before = state(inbox);
    IngestSummary second = ingest(inbox, cache, new OfflineProvider(), false, false);
    assertThat(state(inbox)).isEqualTo(before);
    assertThat(second.written()).isZero();
    assertThat(second.unchanged()).isEqualTo(3);
    assertThat(CacheRows.single(cache, "SELECT count(*) FROM assets")).isEqualTo("3");
    assertThat(CacheRows.single(cache, "SELECT count(*) FROM locations")).isEqualTo("3");
    assertThat(CacheRows.single(cache, "SELECT count(*) FROM runs WHERE starts_with(run_id, 'ingest-')")).isEqualTo("2");
    try (Stream<Path> runs = Files.list(history)) {
      assertThat(runs.count()).isEqualTo(2);
    }
  }

  @Test
  void dryRunWritesNothing() throws Exception {
    Path inbox = inbox("a1111.png");
    Path cache = work.resolve("alice.duckdb");
    Map<Path, String> before = state(inbox);
    IngestSummary summary = ingest(inbox, cache, new OfflineProvider(), true, false);
    assertThat(summary.written()).isEqualTo(1);
    assertThat(summary.actions()).containsExactly("would write\t" + inbox.resolve("a1111.png"));
    assertThat(state(inbox)).isEqualTo(before);
    assertThat(cache).doesNotExist();
    assertThat(RebuildConfig.defaultParquetDir(cache)).doesNotExist();
  }

  @Test
  void aDryRunRemovesTheTemporaryFoldersOfKilledDryRunsAndLeavesNoneOfItsOwn() throws Exception {
    Path killed = Files.createTempDirectory(IngestRuns.DRY_RUN_PREFIX);
    Files.createFile(killed.resolve(".run-20260101T000000Z-dead.lock")); // nobody holds it: its process died
    Files.createDirectories(killed.resolve("run-20260101T000000Z-dead/actions"));
    Files.writeString(killed.resolve("run-20260101T000000Z-dead/actions/actions-00000-of-00001.tsv"), "would write\tx");
    Path running = Files.createTempDirectory(IngestRuns.DRY_RUN_PREFIX);
    Path runningLock = running.resolve(".run-20260101T000000Z-live.lock");
    try (FileChannel channel = FileChannel.open(runningLock, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileLock held = channel.lock()) { // a dry run still at work
      Set<Path> before = dryRunFolders();

      IngestSummary summary = ingest(inbox("a1111.png"), work.resolve("alice.duckdb"), new OfflineProvider(), true, false);

      assertThat(summary.written()).isEqualTo(1);
      assertThat(killed).doesNotExist();
      assertThat(runningLock).exists();
      // none of its own left (another build's live dry run, holding its lock file, may come and go)
      Set<Path> added = new HashSet<>(dryRunFolders());
      added.removeAll(before);
      assertThat(added).allMatch(IngestPipelineTest::holdsALockFile);
    } finally {
      RunFolders.deleteTree(running);
    }
  }

  private static boolean holdsALockFile(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.anyMatch(p -> p.getFileName().toString().endsWith(".lock"));
    } catch (IOException e) {
      return true; // gone already: its run ended
    }
  }

  private static Set<Path> dryRunFolders() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries.filter(p -> p.getFileName().toString().startsWith(IngestRuns.DRY_RUN_PREFIX))
          .collect(java.util.stream.Collectors.toSet());
    }
  }

  @Test
  void aFailingVisionEndpointIsRecordedAndTheFileStillIndexed() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] body = "{\"error\":\"overloaded\"}".getBytes();
      exchange.sendResponseHeaders(500, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      Path inbox = inbox("a1111.png");
      Path cache = work.resolve("alice.duckdb");
      VisionConfig config = new VisionConfig("http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "llava",
          "sk-secret", Duration.ofSeconds(5), null, null);
      IngestSummary summary = ingest(inbox, cache, new HttpVisionProvider(config), false, false);
      assertThat(summary.errors()).isEqualTo(1);
      assertThat(summary.written()).isEqualTo(1);
      Path file = inbox.resolve("a1111.png");
      assertThat(CacheRows.query(cache, "SELECT path, stage, reason FROM errors")).containsExactly(List.of(
          file.toString(), "understand", "openai-compatible: vision endpoint http://127.0.0.1:"
              + server.getAddress().getPort() + "/v1/chat/completions answered HTTP 500: {\"error\":\"overloaded\"}"));
      assertThat(CacheRows.query(cache, "SELECT provider, location_count FROM assets"))
          .containsExactly(List.of("stable-diffusion-webui", "1"));
      assertThat(embedded(file).generation().model()).isEqualTo("sdxl_base");
    } finally {
      server.stop(0);
    }
  }
}
