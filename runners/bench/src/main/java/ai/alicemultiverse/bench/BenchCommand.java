package ai.alicemultiverse.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the rebuild against ExifTool on a generated corpus.",
      "",
      "Makes N files of every format alice can generate (JPEG, PNG, TIFF, WAV,",
      "MP3, M4A, MP4, MOV at typical sizes; every other file with alice metadata",
      "embedded), then times, one after the other and each as a whole process:",
      "the rebuild's fast path, rebuild --verify and, when ExifTool is installed,",
      "'exiftool -fast2 -XMP:all -j -r' and 'exiftool -j -r'. Prints seconds,",
      "files/s, MB/s (10^6 bytes) and peak memory for each, and ends with",
      "  ratio fast_vs_exiftool_fast2=X.X verify_vs_exiftool=Y.Y",
      "(how many times faster the rebuild was). A benchmark, not a test: other",
      "work on the machine changes the figures.",
      ""
    },
    footer = {
      "",
      "Beam pipeline options pass through to the rebuilds, e.g.",
      "  --runner=FlinkRunner --flinkMaster=[local]",
      "Examples:",
      "  alice bench",
      "  alice bench --files 1000 --dir /scratch/alice-bench",
      "      (the corpus is kept, and reused by the next bench with the same settings)"
    })
final class BenchCommand implements Callable<Integer> {

  @Option(names = "--files", paramLabel = "N", defaultValue = "100",
      description = "Files of each format (default: ${DEFAULT-VALUE}, so 8 x N files in all).")
  int files;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Folder for the corpus and the bench cache, kept afterwards; a later bench with the same"
          + " settings reuses the corpus. Default: a temporary folder, deleted at the end.")
  Path dir;

  @Option(names = "--scale", paramLabel = "FACTOR", defaultValue = "1",
      description = "File size factor (default: ${DEFAULT-VALUE}: images 1-3 MB, audio 2-4 MB, video 4-8 MB).")
  double scale;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
      description = "Seed of the generated content (default: ${DEFAULT-VALUE}); the same seed makes the same files.")
  long seed;

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (files < 1) {
      throw new IllegalArgumentException("--files must be at least 1");
    }
    if (!(scale > 0)) {
      throw new IllegalArgumentException("--scale must be above 0");
    }
    boolean temporary = dir == null;
    Path work = temporary ? Files.createTempDirectory("alice-bench-") : dir.toAbsolutePath().normalize();
    try {
      long started = System.nanoTime();
      BenchCorpus.Corpus corpus = BenchCorpus.makeOrReuse(work, files, scale, seed, System.err);
      System.out.println(String.format(Locale.ROOT,
          "corpus: %d files (%d of each format), %d with alice metadata, %.1f MB, ready in %.1f s%n"
              + "        %s%n        not generated: %s",
          corpus.files(), corpus.perFormat(), corpus.withMetadata(), corpus.megabytes(),
          (System.nanoTime() - started) / 1e9, corpus.dir(), BenchCorpus.notGenerated()));
      return new Bench(corpus, work, beamArgs, System.out).run() ? 0 : 1;
    } finally {
      if (temporary) {
        BenchCorpus.deleteTree(work);
      }
    }
  }
}
