package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.cli.AliceCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache is only a cache of the files, tested as a model: random sequences of what users do to a
 * real folder tree of three roots (tag, an ExifTool edit with and without -P, copy, move, rename,
 * delete, a same-size same-mtime replacement, truncate) and of alice commands (ingest, scan of one
 * root, rebuild of some roots, rebuild of all), each command run in process through the command line
 * on the DirectRunner. After every step the cache must equal a rebuild of all roots, as the commands
 * last read them, made into a fresh cache file ({@link CacheEquality} says what is compared and what is
 * per run).
 *
 * <p>"As the commands last read them": a scan of one root cannot know what changed under another. The
 * user's edits go to a working tree; the library's roots follow it only when a command reads them (a
 * root is made equal to the working tree, bytes and modification times, just before the command, and
 * what the command wrote goes back after it). The library then always holds each root as it was last
 * read, and a fresh rebuild of it is what the cache must be. Edits alone change neither, so the fresh
 * rebuild runs after each command.
 *
 * <p>Short: 2 sequences of 4 steps; full ({@code -Pcampaigns}): 200 of 20; or {@code
 * -Dalice.campaign.sequences=N -Dalice.campaign.steps=M}. Sequence {@code i} uses the seed {@code
 * seed + i}: a failure prints its seed and steps, and {@code -Dalice.campaign.seed=S
 * -Dalice.campaign.sequences=1} replays it.
 */
class ModelCampaignTest {
  @TempDir Path work;

  /** Something done to the tree or the cache; returns what it did, for the step list. */
  @FunctionalInterface
  interface Action {
    String apply(Library library, Random random) throws Exception;
  }

  /** A step; {@code command}: it runs alice, so the cache is compared with a fresh rebuild after it. */
  record Op(String name, int weight, boolean command, Action action) {}

  /** The steps a sequence draws from, by weight. A new kind of step is one line here. */
  static final List<Op> OPS = List.of(
      new Op("tag", 3, false, ModelCampaignTest::tag),
      new Op("exiftool", 2, false, ModelCampaignTest::exiftool),
      new Op("copy", 2, false, ModelCampaignTest::copy),
      new Op("move", 1, false, ModelCampaignTest::move),
      new Op("rename", 1, false, ModelCampaignTest::rename),
      new Op("delete", 1, false, ModelCampaignTest::delete),
      new Op("replace same size and mtime", 1, false, ModelCampaignTest::replace),
      new Op("truncate", 1, false, ModelCampaignTest::truncate),
      new Op("ingest", 2, true, ModelCampaignTest::ingest),
      new Op("scan one root", 3, true, ModelCampaignTest::scan),
      new Op("rebuild some roots", 2, true, ModelCampaignTest::rebuildSome),
      new Op("rebuild", 1, true, ModelCampaignTest::rebuildAll));

  @Test
  void everyStepLeavesTheCacheAsAFreshRebuildMakesIt() throws Exception {
    int sequences = Campaign.size("sequences", 2, 200);
    int steps = Campaign.size("steps", 4, 20);
    long seed = Campaign.seed();
    long started = System.nanoTime();
    int done = 0;
    for (int i = 0; i < sequences; i++) {
      done += sequence(seed + i, steps);
    }
    System.out.printf("model campaign: %d sequences, %d steps, 0 differences, %.0f s (seed %d)%n", sequences, done,
        (System.nanoTime() - started) / 1e9, seed);
  }

  private int sequence(long seed, int steps) throws Exception {
    Library library = Library.create(work.resolve("seq-" + seed));
    Random random = new Random(seed);
    List<String> done = new ArrayList<>();
    done.add("alice rebuild (all roots)");
    library.alice(library.roots, library.rebuildArgs(library.roots));
    for (int step = 0; step < steps; step++) {
      Op op = pick(random);
      String what;
      try {
        what = op.action().apply(library, random);
      } catch (Exception | AssertionError e) {
        throw new AssertionError(replay(seed, done, op.name() + " failed: " + e), e);
      }
      done.add(what);
      if (!op.command()) {
        continue;
      }
      List<String> differences = CacheEquality.differences(library.cache, library.freshRebuild());
      if (!differences.isEmpty()) {
        throw new AssertionError(replay(seed, done, String.join("\n", differences)));
      }
    }
    RunFolders.delete(library.base);
    return steps;
  }

  private static String replay(long seed, List<String> steps, String what) {
    StringBuilder text = new StringBuilder("seed " + seed + " (replay: -Dalice.campaign.seed=" + seed
        + " -Dalice.campaign.sequences=1), steps:\n");
    for (int i = 0; i < steps.size(); i++) {
      text.append("  ").append(i).append(". ").append(steps.get(i)).append('\n');
    }
    return text.append(what).toString();
  }

  private static Op pick(Random random) {
    int total = OPS.stream().mapToInt(Op::weight).sum();
    int at = random.nextInt(total);
    for (Op op : OPS) {
      at -= op.weight();
      if (at < 0) {
        return op;
      }
    }
    throw new IllegalStateException();
  }

  // ---- the steps

  private static String tag(Library library, Random random) throws Exception {
    Path file = library.anyFile(random);
    if (file == null) {
      return "tag: no file";
    }
    boolean keep = random.nextBoolean();
    String tag = "subject:" + WORDS[random.nextInt(WORDS.length)];
    String description = "A " + WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)];
    List<String> args = new ArrayList<>(List.of("tag", file.toString(), "--add", tag, "--description", description));
    if (keep) {
      args.add("-P");
    }
    library.run(args.toArray(String[]::new)); // a damaged file is refused: that is a step too
    return "alice tag " + library.name(file) + " --add " + tag + " --description '" + description + "'"
        + (keep ? " -P" : "");
  }

  private static String exiftool(Library library, Random random) throws Exception {
    Path file = library.anyFile(random);
    if (file == null) {
      return "exiftool: no file";
    }
    boolean keep = random.nextBoolean();
    String description = "edited " + WORDS[random.nextInt(WORDS.length)];
    List<String> command = new ArrayList<>(List.of("exiftool", "-q", "-q", "-overwrite_original"));
    if (keep) {
      command.add("-P");
    }
    command.add("-XMP-dc:Description=" + description);
    command.add(file.toString());
    Process exiftool = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(exiftool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return "exiftool" + (keep ? " -P" : "") + " -XMP-dc:Description='" + description + "' " + library.name(file)
        + " (exit " + exiftool.exitValue() + ")";
  }

  private static String copy(Library library, Random random) throws Exception {
    Path file = library.anyFile(random);
    if (file == null) {
      return "copy: no file";
    }
    Path to = library.newPlace(random, file);
    Files.copy(file, to);
    return "copy " + library.name(file) + " " + library.name(to);
  }

  private static String move(Library library, Random random) throws Exception {
    Path file = library.anyFile(random);
    if (file == null) {
      return "move: no file";
    }
    Path to = library.newPlace(random, file);
    Files.move(file, to);
    return "move " + library.name(file) + " " + library.name(to);
  }

  private static String rename(Library library, Random random) throws Exception {
    Path file = library.anyFile(random);
    if (file == null) {
      return "rename: no file";
    }
    Path to = file.resolveSibling("renamed-" + library.next++ + "." + HardeningCorpus.extension(file));
    Files.move(file, to);
    return "rename " + library.name(file) + " " + library.name(to);
  }

  private static String delete(Library library, Random random) throws Exception {
    Path file = library.anyFile(random);
    if (file == null) {
      return "delete: no file";
    }
    Files.delete(file);
    return "delete " + library.name(file);
  }

  /**
   * Another file of the same size and modification time in place of {@code file} ({@code touch -r}):
   * a copy with another description, written where the XMP padding keeps the size; when it does not,
   * the other content is kept all the same (the size then differs too).
   */
  private static String replace(Library library, Random random) throws Exception {
    Path file = library.anyFile(random);
    if (file == null) {
      return "replace: no file";
    }
    FileTime mtime = Files.getLastModifiedTime(file);
    long size = Files.size(file);
    Path other = Files.createTempFile(library.base, "replacement", "." + HardeningCorpus.extension(file));
    Files.copy(file, other, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String description = "replaced " + WORDS[random.nextInt(WORDS.length)];
    library.run("tag", other.toString(), "--description", description);
    Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(file, mtime);
    return "replace " + library.name(file) + " by a copy described '" + description + "', mtime kept"
        + (Files.size(file) == size ? ", same size" : ", size " + size + " -> " + Files.size(file));
  }

  private static String truncate(Library library, Random random) throws Exception {
    Path file = library.anyFile(random);
    if (file == null) {
      return "truncate: no file";
    }
    long size = Files.size(file);
    long to = size / (2 + random.nextInt(4));
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(to);
    }
    return "truncate " + library.name(file) + " " + size + " -> " + to;
  }

  private static String ingest(Library library, Random random) throws Exception {
    Path root = library.roots.get(random.nextInt(library.roots.size()));
    boolean keep = random.nextBoolean();
    library.alice(List.of(root),
        keep ? new String[] {"ingest", root.toString(), "-P"} : new String[] {"ingest", root.toString()});
    return "alice ingest " + library.name(root) + (keep ? " -P" : "");
  }

  private static String scan(Library library, Random random) throws Exception {
    Path root = library.roots.get(random.nextInt(library.roots.size()));
    library.alice(List.of(root), "scan", root.toString());
    return "alice scan " + library.name(root);
  }

  private static String rebuildSome(Library library, Random random) throws Exception {
    List<Path> some = new ArrayList<>();
    for (Path root : library.roots) {
      if (random.nextBoolean()) {
        some.add(root);
      }
    }
    if (some.isEmpty() || some.size() == library.roots.size()) {
      some = List.of(library.roots.get(random.nextInt(library.roots.size())));
    }
    library.alice(some, library.rebuildArgs(some));
    return "alice rebuild " + some.stream().map(library::name).toList();
  }

  private static String rebuildAll(Library library, Random random) throws Exception {
    library.alice(library.roots, library.rebuildArgs(library.roots));
    return "alice rebuild (all roots)";
  }

  private static final String[] WORDS = {"cat", "harbor", "neon", "fox", "rain", "dusk", "violet", "river"};

  /** The files a sequence starts from: copies of one render in two roots, and other media. */
  private static final List<String> START = List.of("renders/neon-alley.png", "backup/alley-copy.png",
      "renders/sunset-harbor.jpg", "inbox/pattern.png", "inbox/untagged-portrait.jpg", "renders/neon-alley.png");

  /**
   * A library of three roots and its cache, and the user's working tree of the same roots: edits go to
   * the working tree, and a root of the library follows it when a command reads the root.
   */
  static final class Library {
    final Path base;
    final List<Path> roots = new ArrayList<>();
    final List<Path> edits = new ArrayList<>();
    final Path cache;
    int next;

    private Library(Path base) {
      this.base = base;
      this.cache = base.resolve("cache/alice.duckdb");
    }

    static Library create(Path base) throws IOException {
      Library library = new Library(base);
      for (int i = 0; i < 3; i++) {
        library.roots.add(Files.createDirectories(base.resolve("library/root" + i)));
        library.edits.add(Files.createDirectories(base.resolve("working/root" + i)));
      }
      Files.createDirectories(library.cache.getParent());
      for (int i = 0; i < START.size(); i++) {
        Path from = HardeningCorpus.samples().resolve(START.get(i));
        Path folder = Files.createDirectories(library.edits.get(i % 3).resolve(i % 2 == 0 ? "a" : "b/c"));
        Path to = folder.resolve(i + "-" + from.getFileName());
        Files.copy(from, to);
        to.toFile().setWritable(true);
      }
      return library;
    }

    String[] rebuildArgs(List<Path> some) {
      List<String> args = new ArrayList<>(List.of("rebuild"));
      some.forEach(root -> args.add(root.toString()));
      args.addAll(List.of("--cache", cache.toString()));
      return args.toArray(String[]::new);
    }

    /** A random file of the working tree, or null when there is none. */
    Path anyFile(Random random) throws IOException {
      List<Path> files = new ArrayList<>();
      for (Path root : edits) {
        try (Stream<Path> tree = Files.walk(root)) {
          tree.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted().forEach(files::add);
        }
      }
      return files.isEmpty() ? null : files.get(random.nextInt(files.size()));
    }

    /** A new name for a copy of {@code file}, in a random folder of a random root of the working tree. */
    Path newPlace(Random random, Path file) throws IOException {
      Path root = edits.get(random.nextInt(edits.size()));
      String[] folders = {"a", "b/c", "d"};
      Path folder = Files.createDirectories(root.resolve(folders[random.nextInt(folders.length)]));
      return folder.resolve("f" + next++ + "." + HardeningCorpus.extension(file));
    }

    String name(Path path) {
      return base.relativize(path).toString();
    }

    /**
     * {@code alice ARGS}, a command that reads the roots {@code reads}: they are made equal to the working
     * tree first, and what the command wrote into them goes back to the working tree after it. Its exit
     * must say it worked (0, or 1 with error rows for damaged files).
     */
    void alice(List<Path> reads, String... args) throws IOException {
      for (Path root : reads) {
        mirror(edits.get(roots.indexOf(root)), root);
      }
      String[] withCache = args;
      if (!List.of(args).contains("--cache")) {
        withCache = Stream.concat(Stream.of(args), Stream.of("--cache", cache.toString())).toArray(String[]::new);
      }
      Ran ran = run(withCache);
      assertThat(ran.exit).as("alice " + String.join(" ", withCache) + "\n" + ran.output).isIn(0, 1);
      for (Path root : reads) {
        mirror(root, edits.get(roots.indexOf(root)));
      }
    }

    /** Makes {@code to} hold exactly the files of {@code from}, with their bytes and modification times. */
    private static void mirror(Path from, Path to) throws IOException {
      List<Path> wanted = files(from);
      for (Path file : wanted) {
        Path target = to.resolve(from.relativize(file).toString());
        if (!Files.exists(target) || Files.mismatch(file, target) != -1
            || !Files.getLastModifiedTime(file).equals(Files.getLastModifiedTime(target))) {
          Files.createDirectories(target.getParent());
          Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
              java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
      for (Path file : files(to)) {
        if (!Files.exists(from.resolve(to.relativize(file).toString()))) {
          Files.delete(file);
        }
      }
    }

    private static List<Path> files(Path root) throws IOException {
      try (Stream<Path> tree = Files.walk(root)) {
        return tree.filter(Files::isRegularFile).sorted().toList();
      }
    }

    /** A rebuild of every root into a fresh cache file. */
    Path freshRebuild() throws IOException {
      Path fresh = base.resolve("fresh");
      RunFolders.delete(fresh);
      Path freshCache = Files.createDirectories(fresh).resolve("alice.duckdb");
      List<String> args = new ArrayList<>(List.of("rebuild"));
      roots.forEach(root -> args.add(root.toString()));
      args.addAll(List.of("--cache", freshCache.toString()));
      Ran ran = run(args.toArray(String[]::new));
      assertThat(ran.exit).as("the fresh rebuild\n" + ran.output).isIn(0, 1);
      return freshCache;
    }

    record Ran(int exit, String output) {}

    /** Runs the command line in this process, its output kept for a failure's message. */
    Ran run(String... args) {
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      PrintStream out = System.out;
      PrintStream err = System.err;
      PrintStream captured = new PrintStream(output, true, StandardCharsets.UTF_8);
      System.setOut(captured);
      System.setErr(captured);
      try {
        int exit = AliceCommand.commandLine().execute(args);
        return new Ran(exit, output.toString(StandardCharsets.UTF_8));
      } finally {
        System.setOut(out);
        System.setErr(err);
      }
    }
  }

  /** Removes a tree (the campaign's folders are its own). */
  static final class RunFolders {
    private RunFolders() {}

    static void delete(Path tree) throws IOException {
      if (!Files.exists(tree)) {
        return;
      }
      try (Stream<Path> all = Files.walk(tree)) {
        for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
