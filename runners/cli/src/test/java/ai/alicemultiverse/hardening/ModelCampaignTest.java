package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.cli.BeamArgs;
import ai.alicemultiverse.hardening.AliceInProcess.Ran;
import ai.alicemultiverse.library.JobScope;
import ai.alicemultiverse.library.LibraryLookup;
import ai.alicemultiverse.model.MediaFiles;
import ai.alicemultiverse.pipelines.WatchConfig;
import ai.alicemultiverse.pipelines.WatchPipeline;
import ai.alicemultiverse.storage.S3ProxyServer;
import ai.alicemultiverse.storage.StorageFlags;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The cache is only a cache of the files, tested as a model: random sequences of what users do to a
 * library of three local roots and an S3 prefix, all configured in its alice.toml (tag, an ExifTool edit
 * with and without -P, copy, move, rename, delete, a same-size same-mtime replacement, truncate; put,
 * overwrite, delete and copy of objects) and of alice commands (ingest, scan of one root, a watch
 * batch, rebuild of some roots, rebuild, rebuild --full), each command run in process through the
 * command line on the DirectRunner, against a real S3Proxy server. After every command the cache must
 * equal a {@code rebuild --full} of all the configured locations, as the commands last read them,
 * made into a fresh cache file ({@link CacheEquality} says what is compared and what is per run).
 *
 * <p>"As the commands last read them": a scan of one root cannot know what changed under another. The
 * user's edits go to a working tree (local folders, and a working prefix of the bucket); the library's
 * roots follow it only when a command reads them (a root is made equal to the working tree, bytes and
 * modification times or objects, just before the command, and what the command wrote goes back after
 * it). The library then always holds each root as it was last read, and a fresh rebuild of it is what
 * the cache must be. A watch batch brings only new and changed files into its root: a watch never judges
 * a file gone (its help says so), so what it did not see stays, as in the cache.
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
      new Op("put object", 1, false, ModelCampaignTest::putObject),
      new Op("overwrite object", 1, false, ModelCampaignTest::overwriteObject),
      new Op("delete object", 1, false, ModelCampaignTest::deleteObject),
      new Op("copy object", 1, false, ModelCampaignTest::copyObject),
      new Op("ingest", 2, true, ModelCampaignTest::ingest),
      new Op("scan one root", 3, true, ModelCampaignTest::scan),
      new Op("watch batch", 2, true, ModelCampaignTest::watchBatch),
      new Op("rebuild some roots", 2, true, ModelCampaignTest::rebuildSome),
      new Op("rebuild", 1, true, ModelCampaignTest::rebuildAll),
      new Op("rebuild --full", 1, true, ModelCampaignTest::rebuildFull));

  @Test
  void everyStepLeavesTheCacheAsAFreshRebuildMakesIt() throws Exception {
    int sequences = Campaign.size("sequences", 2, 200);
    int steps = Campaign.size("steps", 4, 20);
    long seed = Campaign.seed();
    long started = System.nanoTime();
    int done = 0;
    try (S3ProxyServer server = S3ProxyServer.start(Files.createDirectories(work.resolve("s3")), Duration.ofMinutes(5));
        S3Client s3 = server.client();
        AwsCredentialsForThisProcess credentials = new AwsCredentialsForThisProcess()) {
      for (int i = 0; i < sequences; i++) {
        done += sequence(seed + i, steps, new Bucket(s3, "library-" + (seed + i), server.endpoint().toString()));
      }
    }
    System.out.printf("model campaign: %d sequences, %d steps, 0 differences, %.0f s (seeds %d..%d)%n", sequences,
        done, (System.nanoTime() - started) / 1e9, seed, seed + sequences - 1);
  }

  /** {@code -Dalice.campaign.progress=true}: a line per step, for long runs. */
  private static final boolean PROGRESS = Boolean.getBoolean("alice.campaign.progress");

  private int sequence(long seed, int steps, Bucket bucket) throws Exception {
    long started = System.nanoTime();
    Library library = Library.create(work.resolve("seq-" + seed), bucket);
    Random random = new Random(seed);
    List<String> done = new ArrayList<>();
    done.add("alice rebuild (all locations)");
    library.alice(library.all(), "rebuild");
    for (int step = 0; step < steps; step++) {
      Op op = pick(random);
      String what;
      long stepStarted = System.nanoTime();
      try {
        what = op.action().apply(library, random);
      } catch (Exception | AssertionError e) {
        throw new AssertionError(replay(seed, done, op.name() + " failed: " + e), e);
      }
      done.add(what);
      if (PROGRESS) {
        System.out.printf("  seed %d step %d: %s (%.1f s)%n", seed, step + 1, what,
            (System.nanoTime() - stepStarted) / 1e9);
      }
      if (!op.command()) {
        continue;
      }
      List<String> differences = CacheEquality.differences(library.cache, library.freshRebuild());
      if (!differences.isEmpty()) {
        throw new AssertionError(replay(seed, done, String.join("\n", differences)));
      }
    }
    RunFolders.delete(library.base);
    bucket.deleteAll();
    System.out.printf("model campaign: seed %d, %d steps, 0 differences, %.0f s%n", seed, steps,
        (System.nanoTime() - started) / 1e9);
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
    AliceInProcess.run(args.toArray(String[]::new)); // a damaged file is refused: that is a step too
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
    AliceInProcess.run("tag", other.toString(), "--description", description);
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

  /** A new object holding a file of the working tree (tagged, edited or damaged as it is now). */
  private static String putObject(Library library, Random random) throws Exception {
    Path file = library.anyFileOrSample(random);
    String key = library.bucket.newKey(random, library.next++, HardeningCorpus.extension(file));
    library.bucket.put(key, file);
    return "s3 put " + key + " from " + library.name(file);
  }

  private static String overwriteObject(Library library, Random random) throws Exception {
    String key = library.bucket.anyKey(random);
    if (key == null) {
      return "s3 overwrite: no object";
    }
    Path file = library.anyFileOrSample(random);
    library.bucket.put(key, file);
    return "s3 overwrite " + key + " with " + library.name(file);
  }

  private static String deleteObject(Library library, Random random) {
    String key = library.bucket.anyKey(random);
    if (key == null) {
      return "s3 delete: no object";
    }
    library.bucket.delete(key);
    return "s3 delete " + key;
  }

  private static String copyObject(Library library, Random random) {
    String key = library.bucket.anyKey(random);
    if (key == null) {
      return "s3 copy: no object";
    }
    String to = library.bucket.newKey(random, library.next++, key.substring(key.lastIndexOf('.') + 1));
    library.bucket.copy(key, to);
    return "s3 copy " + key + " " + to;
  }

  private static String ingest(Library library, Random random) throws Exception {
    int root = random.nextInt(library.roots.size()); // ingest writes local files only
    boolean keep = random.nextBoolean();
    String path = library.roots.get(root).toString();
    library.alice(List.of(root), keep ? new String[] {"ingest", path, "-P"} : new String[] {"ingest", path});
    return "alice ingest " + library.rootName(root) + (keep ? " -P" : "");
  }

  private static String scan(Library library, Random random) throws Exception {
    int root = random.nextInt(library.locations());
    library.alice(List.of(root), "scan", library.location(root));
    return "alice scan " + library.rootName(root);
  }

  /**
   * One batch of {@code alice watch} on one location: a watch started in this process (as the command
   * starts it, with the library file's settings and labels), stopped once its first listing's files are
   * all committed. Its poll interval is long, so there is no second listing.
   */
  private static String watchBatch(Library library, Random random) throws Exception {
    int root = random.nextInt(library.locations());
    library.follow(root, false);
    long files = library.mediaIn(root);
    JobScope scope = JobScope.of(new JobScope.Request(List.of(library.location(root)), null, library.config,
        StorageFlags.none()), LibraryLookup.ofThisProcess());
    WatchPipeline.Running watch = WatchPipeline.start(new WatchConfig(scope.roots(), scope.cacheFile(),
        Duration.ofHours(1), false, scope.labels()), BeamArgs.parse(scope.storage().withBeamArgs(List.of())));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (watch.committed() < files && !watch.state().isTerminal() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(watch.committed()).as("files and errors the watch committed of its first listing's " + files
          + " (state " + watch.state() + ")").isEqualTo(files);
    } finally {
      watch.stop(Duration.ofSeconds(30));
    }
    library.giveBack(root);
    return "alice watch " + library.rootName(root) + ": one batch of " + files + " files";
  }

  private static String rebuildSome(Library library, Random random) throws Exception {
    List<Integer> some = new ArrayList<>();
    for (int root = 0; root < library.locations(); root++) {
      if (random.nextBoolean()) {
        some.add(root);
      }
    }
    if (some.isEmpty() || some.size() == library.locations()) {
      some = List.of(random.nextInt(library.locations()));
    }
    List<String> args = new ArrayList<>(List.of("rebuild"));
    some.forEach(root -> args.add(library.location(root)));
    library.alice(some, args.toArray(String[]::new));
    return "alice rebuild " + some.stream().map(library::rootName).toList();
  }

  private static String rebuildAll(Library library, Random random) throws Exception {
    library.alice(library.all(), "rebuild");
    return "alice rebuild (all locations)";
  }

  private static String rebuildFull(Library library, Random random) throws Exception {
    library.alice(library.all(), "rebuild", "--full");
    return "alice rebuild --full (all locations)";
  }

  private static final String[] WORDS = {"cat", "harbor", "neon", "fox", "rain", "dusk", "violet", "river"};

  /** The files a sequence starts from: copies of one render in two roots, and other media. */
  private static final List<String> START = List.of("renders/neon-alley.png", "backup/alley-copy.png",
      "renders/sunset-harbor.jpg", "inbox/pattern.png", "inbox/untagged-portrait.jpg", "renders/neon-alley.png");

  /** The objects the bucket starts with: one more copy of the render the local roots hold, and a photo. */
  private static final List<String> START_OBJECTS = List.of("renders/neon-alley.png", "inbox/untagged-portrait.jpg");

  /**
   * A library of three local roots and an S3 prefix, configured in its alice.toml with its cache, and the
   * user's working tree of the same: edits go to the working tree, and a location of the library follows
   * it when a command reads the location. Locations are numbered: the local roots, then the bucket.
   */
  static final class Library {
    final Path base;
    final List<Path> roots = new ArrayList<>();
    final List<Path> edits = new ArrayList<>();
    final Bucket bucket;
    final Path cache;
    final Path config;
    int next;

    private Library(Path base, Bucket bucket) {
      this.base = base;
      this.bucket = bucket;
      this.cache = base.resolve("cache/alice.duckdb");
      this.config = base.resolve("alice.toml");
    }

    static Library create(Path base, Bucket bucket) throws IOException {
      Library library = new Library(base, bucket);
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
      bucket.create();
      for (int i = 0; i < START_OBJECTS.size(); i++) {
        Path from = HardeningCorpus.samples().resolve(START_OBJECTS.get(i));
        bucket.put((i % 2 == 0 ? "a/" : "b/c/") + i + "-" + from.getFileName(), from);
      }
      // the third root is labelled: the label must reach every command's rows alike
      Files.writeString(library.config, """
          cache = "%s"

          [[location]]
          path = "%s"

          [[location]]
          path = "%s"

          [[location]]
          path = "%s"
          storage_type = "external"

          [[location]]
          path = "%s"
          s3_endpoint = "%s"
          s3_region = "us-east-1"
          s3_path_style = true
          """.formatted(library.cache, library.roots.get(0), library.roots.get(1), library.roots.get(2),
          bucket.root(), bucket.endpoint));
      return library;
    }

    /** How many locations the library file lists. */
    int locations() {
      return roots.size() + 1;
    }

    List<Integer> all() {
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < locations(); i++) {
        all.add(i);
      }
      return all;
    }

    /** The location as the library file names it. */
    String location(int root) {
      return root < roots.size() ? roots.get(root).toString() : bucket.root();
    }

    String rootName(int root) {
      return root < roots.size() ? name(roots.get(root)) : bucket.root();
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

    /** A random file of the working tree, or a sample when it has none. */
    Path anyFileOrSample(Random random) throws IOException {
      Path file = anyFile(random);
      return file != null ? file : HardeningCorpus.samples().resolve(START.get(random.nextInt(START.size())));
    }

    /** A new name for a copy of {@code file}, in a random folder of a random root of the working tree. */
    Path newPlace(Random random, Path file) throws IOException {
      Path root = edits.get(random.nextInt(edits.size()));
      String[] folders = {"a", "b/c", "d"};
      Path folder = Files.createDirectories(root.resolve(folders[random.nextInt(folders.length)]));
      return folder.resolve("f" + next++ + "." + HardeningCorpus.extension(file));
    }

    String name(Path path) {
      return path.startsWith(base) ? base.relativize(path).toString() : path.toString();
    }

    /**
     * {@code alice ARGS --config alice.toml}, a command that reads the locations {@code reads}: they are
     * made equal to the working tree first, and what the command wrote into them goes back to the working
     * tree after it. Its exit must say it worked (0, or 1 with error rows for damaged files).
     */
    void alice(List<Integer> reads, String... args) throws IOException {
      for (int root : reads) {
        follow(root, true);
      }
      String[] withConfig = Stream.concat(Stream.of(args), Stream.of("--config", config.toString()))
          .toArray(String[]::new);
      Ran ran = AliceInProcess.run(withConfig);
      assertThat(ran.exit()).as("alice " + String.join(" ", withConfig) + "\n" + ran.output()).isIn(0, 1);
      for (int root : reads) {
        giveBack(root);
      }
    }

    /** Makes the location hold the working tree's files (and, when {@code whole}, only those). */
    void follow(int root, boolean whole) throws IOException {
      if (root < roots.size()) {
        mirror(edits.get(root), roots.get(root), whole);
      } else {
        bucket.mirror(Bucket.WORKING, Bucket.LIBRARY, whole);
      }
    }

    /** What a command wrote into a local root goes back to the working tree (no command writes objects). */
    void giveBack(int root) throws IOException {
      if (root < roots.size()) {
        mirror(roots.get(root), edits.get(root), true);
      }
    }

    /** The media files a listing of the location finds. */
    long mediaIn(int root) throws IOException {
      if (root >= roots.size()) {
        return bucket.objects(Bucket.LIBRARY).keySet().stream().filter(MediaFiles::looksLikeMedia).count();
      }
      return files(roots.get(root)).stream().filter(p -> MediaFiles.looksLikeMedia(p.toString())).count();
    }

    /**
     * Makes {@code to} hold the files of {@code from}, with their bytes and modification times; when
     * {@code whole}, only those.
     */
    private static void mirror(Path from, Path to, boolean whole) throws IOException {
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
      if (!whole) {
        return;
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

    /** A {@code rebuild --full} of every configured location into a fresh cache file. */
    Path freshRebuild() throws IOException {
      Path fresh = base.resolve("fresh");
      RunFolders.delete(fresh);
      Path freshCache = Files.createDirectories(fresh).resolve("alice.duckdb");
      Ran ran = AliceInProcess.run("rebuild", "--full", "--config", config.toString(),
          "--cache", freshCache.toString());
      assertThat(ran.exit()).as("the fresh rebuild\n" + ran.output()).isIn(0, 1);
      return freshCache;
    }
  }

  /**
   * A bucket of the S3Proxy server: the user's working prefix and the library's prefix, which follows it
   * ({@link #mirror}) when a command reads the location.
   */
  static final class Bucket {
    static final String WORKING = "working/";
    static final String LIBRARY = "library/";

    private final S3Client s3;
    private final String name;
    final String endpoint;

    Bucket(S3Client s3, String name, String endpoint) {
      this.s3 = s3;
      this.name = name;
      this.endpoint = endpoint;
    }

    void create() {
      s3.createBucket(b -> b.bucket(name));
    }

    /** The library's location, as the library file names it. */
    String root() {
      return "s3://" + name + "/" + LIBRARY.substring(0, LIBRARY.length() - 1);
    }

    void put(String key, Path file) {
      s3.putObject(b -> b.bucket(name).key(WORKING + key), RequestBody.fromFile(file));
    }

    void delete(String key) {
      s3.deleteObject(b -> b.bucket(name).key(WORKING + key));
    }

    void copy(String key, String to) {
      s3.copyObject(b -> b.sourceBucket(name).sourceKey(WORKING + key).destinationBucket(name)
          .destinationKey(WORKING + to));
    }

    /** A random key of the working prefix (relative to it), or null when it holds none. */
    String anyKey(Random random) {
      List<String> keys = new ArrayList<>(objects(WORKING).keySet());
      return keys.isEmpty() ? null : keys.get(random.nextInt(keys.size()));
    }

    String newKey(Random random, int number, String extension) {
      String[] folders = {"a", "b/c", "d"};
      return folders[random.nextInt(folders.length)] + "/o" + number + "." + extension;
    }

    /** The objects under {@code prefix}: key (relative to it) to ETag, in key order. */
    Map<String, String> objects(String prefix) {
      Map<String, String> objects = new TreeMap<>();
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(name).prefix(prefix)).contents()) {
        objects.put(o.key().substring(prefix.length()), o.eTag());
      }
      return objects;
    }

    /** Makes {@code to} hold the objects of {@code from} (and, when {@code whole}, only those). */
    void mirror(String from, String to, boolean whole) {
      Map<String, String> wanted = objects(from);
      Map<String, String> there = objects(to);
      wanted.forEach((key, etag) -> {
        if (!etag.equals(there.get(key))) {
          s3.copyObject(b -> b.sourceBucket(name).sourceKey(from + key).destinationBucket(name)
              .destinationKey(to + key));
        }
      });
      if (whole) {
        there.keySet().stream().filter(key -> !wanted.containsKey(key))
            .forEach(key -> s3.deleteObject(b -> b.bucket(name).key(to + key)));
      }
    }

    void deleteAll() {
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(name)).contents()) {
        s3.deleteObject(b -> b.bucket(name).key(o.key()));
      }
      s3.deleteBucket(b -> b.bucket(name));
    }
  }

  /**
   * The S3Proxy server's identity and secret as this process's AWS credentials (the SDK's system
   * properties, first in its default chain), as a user's environment gives them to alice; restored on close.
   */
  static final class AwsCredentialsForThisProcess implements AutoCloseable {
    private final String identity = System.getProperty("aws.accessKeyId");
    private final String secret = System.getProperty("aws.secretAccessKey");

    AwsCredentialsForThisProcess() {
      System.setProperty("aws.accessKeyId", S3ProxyServer.IDENTITY);
      System.setProperty("aws.secretAccessKey", S3ProxyServer.CREDENTIAL);
    }

    @Override
    public void close() {
      restore("aws.accessKeyId", identity);
      restore("aws.secretAccessKey", secret);
    }

    private static void restore(String name, String value) {
      if (value == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, value);
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
