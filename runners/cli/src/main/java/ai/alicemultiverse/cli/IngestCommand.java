package ai.alicemultiverse.cli;

import ai.alicemultiverse.io.SafeFileWriter;
import ai.alicemultiverse.library.JobScope;
import ai.alicemultiverse.pipelines.IngestConfig;
import ai.alicemultiverse.pipelines.IngestPipeline;
import ai.alicemultiverse.pipelines.IngestSummary;
import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.understanding.HttpVisionProvider;
import ai.alicemultiverse.understanding.OfflineProvider;
import ai.alicemultiverse.understanding.UnderstandingProvider;
import ai.alicemultiverse.storage.StorageFlags;
import ai.alicemultiverse.understanding.VisionConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Take new media in: hash, import generator data, understand, embed, update the cache.",
      "",
      "Hashes each file, imports what its generator left behind, understands it, and writes "
          + "everything into the file itself; then updates the cache in place (no full rebuild).",
      "",
      "For every media file under PATH: the content hash (an embedded one is reused only if it still "
          + "matches the media); generator metadata mapped into alice:generation (Stable Diffusion web UI "
          + "'parameters', ComfyUI 'prompt'/'workflow' graphs, Midjourney / DALL-E / Firefly XMP and IPTC fields, "
          + "C2PA presence; unknown generator text kept raw); tags and a description from the understanding "
          + "provider; all embedded as XMP with a verified safe write, processed_at set. The cache's rows for "
          + "those files are replaced in one transaction and the run's Parquet is kept under "
          + "<cache name>-parquet/ingest/. Running it again changes nothing unless --force.",
      "",
      "A written file gets a new modification time (backups and watchers notice; -P keeps the old one).",
      "Symbolic links: a link to a file outside the PATHs is indexed but not written (--follow-links writes "
          + "through it); a link to a file inside them is skipped, the file itself is ingested once under its own "
          + "name; a file named on the command line is written through, as 'alice tag' does.",
      ""
    },
    footer = {
      "",
      "Understanding providers:",
      "  offline: (default) no network: dominant colours, orientation, size class, duration class, media kind.",
      "  http: an OpenAI-compatible chat/completions endpoint with vision (OpenAI, OpenRouter, a local Ollama). "
          + "URL and model from --vision-url/--vision-model or ALICE_VISION_URL / ALICE_VISION_MODEL; the key only "
          + "from ALICE_VISION_KEY (never a flag, never logged). A failed call is reported as an error of that file; "
          + "the file is still indexed.",
      "",
      "Beam pipeline options pass through, e.g. --runner=DirectRunner --targetParallelism=4.",
      "Examples:",
      "  alice ingest ~/Downloads/renders --cache ~/alice.duckdb",
      "  alice ingest new.png --dry-run",
      "  ALICE_VISION_URL=http://127.0.0.1:11434/v1 ALICE_VISION_MODEL=llava alice ingest inbox/ --understand http"
    })
final class IngestCommand implements Callable<Integer> {
  enum Provider { offline, http, none }

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Local folders, files or globs to ingest.")
  List<String> paths = new ArrayList<>();

  @Option(names = "--cache", paramLabel = "FILE",
      description = "DuckDB cache to update (created when missing; default: the library file's cache, else alice.duckdb).")
  Path cache;

  @Mixin LibraryOption library = new LibraryOption();

  @Option(names = "--parquet", paramLabel = "DIR",
      description = "The cache's Parquet folder (default: <cache name>-parquet next to the cache).")
  Path parquet;

  @Option(names = "--understand", paramLabel = "PROVIDER", defaultValue = "offline",
      description = "Understanding provider: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Provider understand;

  @Option(names = "--vision-url", paramLabel = "URL",
      description = "Vision endpoint for --understand http, e.g. https://api.openai.com/v1 (default: $ALICE_VISION_URL).")
  String visionUrl;

  @Option(names = "--vision-model", paramLabel = "MODEL",
      description = "Vision model for --understand http, e.g. gpt-4o-mini or llava (default: $ALICE_VISION_MODEL).")
  String visionModel;

  @Option(names = "--vision-timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Seconds to wait for the vision endpoint per file (default: ${DEFAULT-VALUE}).")
  long visionTimeout;

  @Option(names = "--dry-run", description = "Show what would be written; write no file and no cache.")
  boolean dryRun;

  @Option(names = "--force", description = "Ingest files again even when they were ingested before.")
  boolean force;

  @Option(names = {"-P", "--preserve-mtime"},
      description = "Keep each written file's modification time (as ExifTool -P). Then a backup that compares "
          + "size and time (rsync -a, many sync tools) and a watcher may miss the edit: the XMP padding often "
          + "keeps the size too.")
  boolean preserveMtime;

  @Option(names = "--follow-links",
      description = "Also write into files that symbolic links under PATH point to outside PATH.")
  boolean followLinks;

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    JobScope scope = library.scope(paths, cache, StorageFlags.none());
    IngestConfig config = new IngestConfig(paths, scope.cacheFile(),
        parquet != null ? parquet : RebuildConfig.defaultParquetDir(scope.cacheFile()), provider(), dryRun, force,
        preserveMtime ? SafeFileWriter.Mtime.KEEP : SafeFileWriter.Mtime.UPDATE, followLinks, scope.labels());
    IngestSummary summary = IngestPipeline.run(config, BeamArgs.parse(beamArgs), System.err);
    for (String action : summary.actions()) {
      String[] parts = action.split("\t", 2);
      System.out.printf("%-11s %s%n", parts[0], parts.length > 1 ? parts[1] : "");
    }
    System.out.println(summary.describe());
    if (summary.errors() > 0 && !dryRun) {
      System.out.println("errors are in the cache: SELECT * FROM errors");
    }
    return summary.errors() == 0 ? 0 : 1;
  }

  private UnderstandingProvider provider() {
    return switch (understand) {
      case offline -> new OfflineProvider();
      case http -> new HttpVisionProvider(
          VisionConfig.resolve(visionUrl, visionModel, Duration.ofSeconds(visionTimeout), System.getenv()));
      case none -> null;
    };
  }
}
