package ai.alicemultiverse.bench;

import ai.alicemultiverse.media.MetadataEmbedder;
import ai.alicemultiverse.xmp.Generation;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Makes (or finds, when an earlier run left it) a corpus under {@code DIR/corpus}: {@code n} files
 * of every {@link CorpusFormat}, every other one with alice metadata embedded through the
 * product's own writer. The description of what was made is kept in {@code DIR/corpus.properties}
 * so a second bench over the same folder reuses it.
 */
public final class BenchCorpus {
  private static final String DESCRIPTION = "corpus.properties";
  /** Bumped when the generators change, so an old corpus is not taken for a new one. */
  private static final String LAYOUT = "1";
  private static final String[] STYLES = {"photoreal", "watercolor", "cyberpunk", "anime", "oil"};
  private static final String[] SUBJECTS = {"harbor", "forest", "portrait", "city", "fox", "robot"};

  /** What the corpus holds. */
  public record Corpus(Path dir, long files, long bytes, long withMetadata, int perFormat, double scale) {
    public double megabytes() {
      return bytes / 1e6;
    }
  }

  private BenchCorpus() {}

  public static Corpus makeOrReuse(Path dir, int perFormat, double scale, long seed, PrintStream log)
      throws IOException {
    Path corpus = dir.resolve("corpus");
    Path description = dir.resolve(DESCRIPTION);
    Properties wanted = new Properties();
    wanted.setProperty("layout", LAYOUT);
    wanted.setProperty("files_per_format", Integer.toString(perFormat));
    wanted.setProperty("scale", Double.toString(scale));
    wanted.setProperty("seed", Long.toString(seed));
    if (Files.isRegularFile(description)) {
      Properties found = read(description);
      if (found.getProperty("layout", "").equals(LAYOUT) && matches(found, wanted)) {
        log.println("reusing the corpus in " + corpus);
        return describe(corpus, perFormat, scale, Long.parseLong(found.getProperty("with_metadata")));
      }
      deleteTree(corpus); // ours (the description says so), made with other settings
      Files.delete(description);
    } else if (Files.isDirectory(dir) && !isEmpty(dir)) {
      throw new IOException(dir + " is not empty and holds no bench corpus: choose a new or empty folder");
    }
    Files.createDirectories(corpus);
    long withMetadata = make(corpus, perFormat, scale, seed, log);
    wanted.setProperty("with_metadata", Long.toString(withMetadata));
    try (Writer out = Files.newBufferedWriter(description)) {
      wanted.store(out, "alice bench corpus");
    }
    return describe(corpus, perFormat, scale, withMetadata);
  }

  /** Writes the files on every core; each file's bytes depend only on the seed and its number. */
  private static long make(Path corpus, int perFormat, double scale, long seed, PrintStream log)
      throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try {
      List<Future<Boolean>> jobs = new ArrayList<>();
      for (CorpusFormat format : CorpusFormat.values()) {
        Path folder = Files.createDirectories(corpus.resolve(format.name().toLowerCase(Locale.ROOT)));
        for (int i = 0; i < perFormat; i++) {
          int number = i;
          Path file = folder.resolve(String.format(Locale.ROOT, "%s-%06d.%s",
              format.name().toLowerCase(Locale.ROOT), number, format.extension));
          long fileSeed = seed * 1_000_003L + format.ordinal() * 10_000_019L + number;
          jobs.add(pool.submit(() -> makeOne(format, file, fileSeed, scale, number % 2 == 0)));
        }
      }
      long withMetadata = 0;
      for (int i = 0; i < jobs.size(); i++) {
        if (jobs.get(i).get()) {
          withMetadata++;
        }
        if ((i + 1) % 100 == 0 || i + 1 == jobs.size()) {
          log.print(String.format(Locale.ROOT, "\rmaking the corpus: %d / %d files", i + 1, jobs.size()));
          log.flush();
        }
      }
      log.println();
      return withMetadata;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making the corpus", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static boolean makeOne(CorpusFormat format, Path file, long seed, double scale, boolean tagged)
      throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    Files.write(file, format.make(random, scale));
    if (!tagged) {
      return false;
    }
    String style = STYLES[random.nextInt(STYLES.length)];
    String subject = SUBJECTS[random.nextInt(SUBJECTS.length)];
    MetadataEmbedder.embed(file, m -> m.toBuilder()
        .description("A " + style + " " + subject + " (bench corpus)")
        .creatorTool("alice bench")
        .addTag("style", style)
        .addTag("subject", subject)
        .addTag("mood", random.nextBoolean() ? "calm" : "dramatic")
        .generation(new Generation("bench", "synthetic-1", style + " " + subject, null,
            new TreeMap<>(Map.of("seed", Long.toString(seed))), null, "2026-01-01T00:00:00Z"))
        .build());
    return true;
  }

  private static Corpus describe(Path corpus, int perFormat, double scale, long withMetadata) throws IOException {
    long files = 0;
    long bytes = 0;
    try (Stream<Path> tree = Files.walk(corpus)) {
      for (Path p : tree.filter(Files::isRegularFile).toList()) {
        files++;
        bytes += Files.size(p);
      }
    }
    return new Corpus(corpus, files, bytes, withMetadata, perFormat, scale);
  }

  private static boolean matches(Properties found, Properties wanted) {
    return wanted.stringPropertyNames().stream()
        .allMatch(k -> wanted.getProperty(k).equals(found.getProperty(k)));
  }

  private static Properties read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    }
    return p;
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  /** The formats alice reads that a corpus does not hold, with the reason. */
  public static String notGenerated() {
    return CorpusFormat.NOT_GENERATED;
  }

  /** Deletes a folder and everything in it (nothing when it does not exist). */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
