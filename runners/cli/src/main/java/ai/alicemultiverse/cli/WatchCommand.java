package ai.alicemultiverse.cli;

import ai.alicemultiverse.library.JobScope;
import ai.alicemultiverse.pipelines.WatchConfig;
import ai.alicemultiverse.pipelines.WatchPipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Keep the cache up to date while files arrive (a streaming job; stop it with Ctrl-C).",
      "",
      "Every --interval the roots are listed; new files and files whose change signature (size, modification "
          + "time, inode...) changed are read (embedded metadata and content hash) and written into the cache as "
          + "they come, one transaction per batch. Ctrl-C commits the batch being written and stops; a restarted "
          + "watch reads every file once more (harmless). Deleted files stay in the cache until a scan or rebuild.",
      "",
      "Output: one line per committed batch on standard output, e.g. '21:30:05 batch: 2 files into the "
          + "cache: /in/a.png, /in/b.jpg' (the first 3 paths, then how many more), or '... batch: 1 error "
          + "recorded (SELECT * FROM errors): /in/bad.jpg'. The start and stop lines go to standard error.",
      "",
      "Search: the search tables are made again after a batch once 5 s have passed since their last "
          + "refresh (on a big cache: ten times as long as that refresh took), and once more on Ctrl-C. So "
          + "'alice search' sees new files within that delay of their batch; a file whose batch came sooner "
          + "waits for the next batch or for Ctrl-C.",
      "",
      "Memory: the watch remembers every file version it has seen (about 200 bytes each) until it stops.",
      ""
    },
    footer = {
      "",
      "With no PATH, the locations of the library file are watched: --config FILE, else ./alice.toml, "
          + "else $XDG_CONFIG_HOME/alice/alice.toml ('alice init' writes a starter one). Its cache is used "
          + "unless --cache is given, and its storage settings unless the same --s3-*/--gcs-* flag is given.",
      "",
      "Examples:",
      "  alice watch                         # the locations of alice.toml",
      "  alice watch ~/Pictures/inbox",
      "  alice watch ~/Pictures/inbox /mnt/renders --interval 30s --cache ~/alice.duckdb --ingest"
    })
final class WatchCommand implements Callable<Integer> {

  @Parameters(paramLabel = "PATH", arity = "0..*",
      description = "Folders, files or globs to watch: local, s3://bucket/prefix, gs://bucket/prefix (default:"
          + " the library file's locations).")
  List<String> roots = new ArrayList<>();

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
      description = "How often the roots are listed: 500ms, 10s, 5m, 1h (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--cache", paramLabel = "FILE",
      description = "DuckDB cache to update, created when missing (default: the library file's cache, else"
          + " alice.duckdb).")
  Path cache;

  @Option(names = "--ingest",
      description = "Also embed the content hash into local files that do not carry it yet (written safely).")
  boolean ingest;

  @Mixin StorageOptions storageOptions = new StorageOptions();

  @Mixin LibraryOption library = new LibraryOption();

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    JobScope scope = library.scope(roots, cache, storageOptions.flags());
    WatchPipeline.Running running = WatchPipeline.start(
        new WatchConfig(scope.roots(), scope.cacheFile(), interval, ingest, scope.labels()),
        BeamArgs.parse(scope.storage().withBeamArgs(beamArgs)), System.out);
    Thread stopper = new Thread(() -> {
      try {
        running.stop(Duration.ofSeconds(30));
        System.err.println("watch stopped; " + running.committed() + " files and errors committed");
      } catch (Exception e) {
        System.err.println("watch: " + ErrorHandler.describe(e));
      }
    }, "alice-watch-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    System.err.println("watching " + String.join(", ", scope.roots()) + " every " + interval.toString().substring(2)
        .toLowerCase(Locale.ROOT) + " into " + scope.cacheFile().toAbsolutePath().normalize() + " (Ctrl-C stops)");
    running.awaitTermination();
    return 1; // a watch only ends by itself when its pipeline failed (Ctrl-C never returns here)
  }

  /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, or an ISO-8601 duration ({@code PT10S}). */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      try {
        if (v.startsWith("pt") || v.startsWith("p")) {
          return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
        if (v.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> throw new IllegalArgumentException();
        };
      } catch (RuntimeException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a duration (e.g. 500ms, 10s, 5m, 1h)");
      }
    }
  }
}
