package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.io.Reasons;
import ai.alicemultiverse.media.Inspection;
import ai.alicemultiverse.media.MediaInspector;
import ai.alicemultiverse.model.MediaFiles;
import ai.alicemultiverse.model.Root;
import ai.alicemultiverse.model.StorageType;
import ai.alicemultiverse.storage.Listing;
import ai.alicemultiverse.xmp.AliceMetadata;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Compares the cache with the files: every local location must still exist, still hold the media
 * of its hash (recomputed, never trusted) and still carry the metadata version the cache read.
 * Under the given roots, media files the cache has never seen are reported too, and a file the
 * cache lists at a path that is gone, found again under a root with the same hash, is reported as
 * moved. S3 and GCS copies are checked the same way, through Beam's file systems, only when asked
 * (every one with {@code objectStores}, or those under an {@code s3://} or {@code gs://} root): it
 * reads every object in full.
 *
 * <p>Files are hashed on every core (a check is mostly reading and hashing the whole payload);
 * {@link #checked()} and {@link #toCheck()} tell a progress display how far it is.
 */
public final class CacheVerifier {
  /** One difference between the cache and the files. */
  public record Drift(Kind kind, String path, String contentHash, String detail) {}

  public enum Kind {
    /** The cache lists the file, but it is gone. */
    MISSING,
    /** The file is gone from the path the cache lists, and the same media is now at another path. */
    MOVED,
    /** The media itself changed: the file no longer has the hash the cache lists it under. */
    CHANGED,
    /** The embedded metadata changed since the cache read it (edited by another tool or by hand). */
    METADATA,
    /** Could not be read, now or by the rebuild that built the cache. */
    UNREADABLE,
    /** A media file under a root that the cache does not know. */
    NEW
  }

  /**
   * Where to look: local folders, and S3 or GCS prefixes (read through Beam's file systems, which
   * must be configured for them). Both empty: every copy the cache lists.
   */
  public record Roots(List<Path> folders, List<String> prefixes) {
    public Roots {
      folders = folders.stream().map(p -> p.toAbsolutePath().normalize()).toList();
      prefixes = prefixes.stream().map(p -> p.endsWith("/") ? p : p + "/").toList();
    }

    /** Roots as a user names them: {@code s3://bucket/prefix} and {@code gs://...} are prefixes, the rest folders. */
    public static Roots parse(List<String> roots) {
      List<Path> folders = new ArrayList<>();
      List<String> prefixes = new ArrayList<>();
      for (String root : roots) {
        Root parsed = Root.parse(root);
        if (parsed.isObjectStore()) {
          prefixes.add(parsed.below());
        } else {
          folders.add(Path.of(root));
        }
      }
      return new Roots(folders, prefixes);
    }

    boolean isEmpty() {
      return folders.isEmpty() && prefixes.isEmpty();
    }

    /** Whether a copy is under one of the roots: an object under a prefix, a local file under a folder. */
    boolean contain(String path) {
      if (StorageType.isObjectStore(path)) {
        return prefixes.stream().anyMatch(path::startsWith);
      }
      Path file = Path.of(path);
      return folders.stream().anyMatch(file::startsWith);
    }
  }

  /** Checks queued ahead of the threads at most: the cache's rows are read as they are checked. */
  private static final int QUEUED_PER_THREAD = 16;

  private final Connection db;
  private final int threads;
  private final boolean objectStores;
  private final AtomicLong checked = new AtomicLong();
  private final AtomicLong toCheck = new AtomicLong();
  private final AtomicLong objectsNotChecked = new AtomicLong();

  /** Checks local and network copies on every core. */
  public CacheVerifier(Connection db) {
    this(db, Runtime.getRuntime().availableProcessors(), false);
  }

  /**
   * @param objectStores check every S3 and GCS copy too when no root is given (Beam's file systems
   *     must be configured for them, {@code FileSystems.setDefaultPipelineOptions}); with roots, the
   *     copies under an object-store root are checked whatever this says
   */
  public CacheVerifier(Connection db, int threads, boolean objectStores) {
    this.db = db;
    this.threads = Math.max(1, threads);
    this.objectStores = objectStores;
  }

  /** S3 and GCS copies that were left unchecked (not asked for, or outside the roots). */
  public long objectsNotChecked() {
    return objectsNotChecked.get();
  }

  /** Files checked so far (cached copies, then new files hashed to find moves). */
  public long checked() {
    return checked.get();
  }

  /** Files known to need a check so far; grows while the cache is read and the roots are walked. */
  public long toCheck() {
    return toCheck.get();
  }

  /**
   * @param roots local folders to restrict the check to (and to look for new and moved files in);
   *     empty for every local copy
   * @return the differences, in path order
   */
  public List<Drift> verify(List<Path> roots) throws SQLException, IOException {
    return verify(new Roots(roots, List.of()));
  }

  /**
   * @param roots where to check, and to look for new and moved files: a folder is walked, a
   *     prefix listed; none for every copy the cache lists
   * @return the differences, in path order
   */
  public List<Drift> verify(Roots roots) throws SQLException, IOException {
    for (Path root : roots.folders()) {
      if (!Files.exists(root)) {
        throw new IOException(root + ": no such file or folder");
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "alice-verify");
      t.setDaemon(true);
      return t;
    });
    try {
      Set<String> known = new HashSet<>();
      List<Drift> drift = checkCachedCopies(roots, known, pool);
      Map<String, String> unreadable = roots.isEmpty() ? Map.of() : lastRebuildErrors();
      List<String> unknown = new ArrayList<>();
      for (String path : filesUnder(roots, known, drift)) {
        // a damaged file is not new: a rebuild already tried it, and would fail again
        String reason = unreadable.get(path);
        if (reason == null) {
          unknown.add(path);
        } else {
          drift.add(new Drift(Kind.UNREADABLE, path, null, "the last rebuild could not read it: " + reason));
        }
      }
      drift.addAll(newOrMoved(drift, unknown, pool));
      drift.sort(Comparator.comparing(Drift::path));
      return drift;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Media files under the roots that the cache does not list: the folders walked, the prefixes listed. A
   * folder that cannot be walked is added to {@code drift} as unreadable (what is in it is not known).
   */
  private static List<String> filesUnder(Roots roots, Set<String> known, List<Drift> drift) throws IOException {
    List<String> unknown = new ArrayList<>();
    for (Path root : roots.folders()) {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          String path = file.toString();
          if (MediaFiles.looksLikeMedia(path) && !known.contains(path) && Files.isRegularFile(file)) {
            unknown.add(path);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE; // gone while the walk ran
          }
          drift.add(new Drift(Kind.UNREADABLE, file.toString(), null,
              "the folder " + reason(e) + ": its files were not checked"));
          return FileVisitResult.CONTINUE;
        }
      });
    }
    for (String prefix : roots.prefixes()) {
      List<MatchResult.Metadata> objects = objectsUnder(prefix);
      if (objects.isEmpty() && known.stream().noneMatch(path -> path.startsWith(prefix))) {
        // an object store has no empty folders: most likely a misspelt prefix, not a clean check
        throw new IOException(prefix + ": no objects there, and the cache lists none");
      }
      for (MatchResult.Metadata object : objects) {
        String path = object.resourceId().toString();
        if (!object.resourceId().isDirectory() && MediaFiles.looksLikeMedia(path) && !known.contains(path)) {
          unknown.add(path);
        }
      }
    }
    return unknown;
  }

  /** Every object under a prefix; none when there is none, an error naming the prefix when it cannot be listed. */
  private static List<MatchResult.Metadata> objectsUnder(String prefix) throws IOException {
    try {
      return Listing.of(prefix + "**");
    } catch (IOException | RuntimeException e) {
      throw new IOException(prefix + ": could not list it: " + e.getMessage(), e);
    }
  }

  /** Path to reason, for the files the rebuild that built the cache could not read. */
  private Map<String, String> lastRebuildErrors() throws SQLException {
    Map<String, String> reasons = new HashMap<>();
    try (PreparedStatement statement = db.prepareStatement("SELECT path, min(reason) FROM errors GROUP BY path");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        reasons.put(rows.getString(1), rows.getString(2));
      }
    }
    return reasons;
  }

  /** Checks every cached copy under the roots, a bounded number at a time. */
  private List<Drift> checkCachedCopies(Roots roots, Set<String> known, ExecutorService pool)
      throws SQLException, IOException {
    Semaphore room = new Semaphore(threads * QUEUED_PER_THREAD);
    CompletionService<Drift> checks = new ExecutorCompletionService<>(pool);
    long outstanding = 0; // submitted, not yet taken
    List<Drift> drift = new ArrayList<>();
    try (PreparedStatement statement = db.prepareStatement("SELECT l.content_hash, l.path,"
        + " l.metadata_version, CASE WHEN a.metadata_conflict THEN NULL ELSE a.metadata::VARCHAR END,"
        + " l.storage_type IN ('s3', 'gcs')"
        + " FROM locations l JOIN assets a USING (content_hash) ORDER BY l.path");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        String hash = rows.getString(1);
        String path = rows.getString(2);
        Integer version = (Integer) rows.getObject(3);
        String json = rows.getString(4);
        boolean object = rows.getBoolean(5);
        known.add(path);
        if (roots.isEmpty() ? object && !objectStores : !roots.contain(path)) {
          if (object) {
            objectsNotChecked.incrementAndGet();
          }
          continue;
        }
        toCheck.incrementAndGet();
        room.acquireUninterruptibly();
        checks.submit(() -> {
          try {
            return check(hash, path, version, json);
          } finally {
            checked.incrementAndGet();
            room.release();
          }
        });
        outstanding++;
        // take the finished checks' drift as it comes, so nothing per copy piles up
        for (Future<Drift> done; (done = checks.poll()) != null; outstanding--) {
          add(drift, await(done));
        }
      }
    }
    for (; outstanding > 0; outstanding--) {
      add(drift, await(take(checks)));
    }
    return drift;
  }

  private static void add(List<Drift> drift, Drift d) {
    if (d != null) {
      drift.add(d);
    }
  }

  private static Future<Drift> take(CompletionService<Drift> checks) throws IOException {
    try {
      return checks.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("verify was interrupted", e);
    }
  }

  /**
   * Files under the roots that the cache does not know: a file whose media is that of a copy now
   * missing is that copy moved (both reports become one); the others are new. New files are hashed
   * only when something is missing, since only then can one of them be a moved copy.
   */
  private List<Drift> newOrMoved(List<Drift> drift, List<String> unknown, ExecutorService pool) throws IOException {
    Map<String, Deque<Drift>> missingByHash = new HashMap<>();
    for (Drift d : drift) {
      if (d.kind() == Kind.MISSING) {
        missingByHash.computeIfAbsent(d.contentHash(), h -> new ArrayDeque<>()).add(d);
      }
    }
    List<Drift> found = new ArrayList<>();
    if (missingByHash.isEmpty()) {
      unknown.forEach(file -> found.add(newFile(file)));
      return found;
    }
    toCheck.addAndGet(unknown.size());
    List<String> sorted = unknown.stream().sorted().toList();
    List<Future<String>> hashes = new ArrayList<>();
    for (String file : sorted) {
      hashes.add(pool.submit(() -> {
        try (MediaSource source = open(file)) {
          return MediaInspector.inspect(source, true).contentHash();
        } catch (IOException | RuntimeException e) {
          return null; // not readable media: it stays a new file, rebuild will report why
        } finally {
          checked.incrementAndGet();
        }
      }));
    }
    for (int i = 0; i < sorted.size(); i++) {
      String file = sorted.get(i);
      Deque<Drift> missing = missingByHash.get(await(hashes.get(i)));
      Drift was = missing == null ? null : missing.poll();
      if (was == null) {
        found.add(newFile(file));
      } else {
        drift.remove(was);
        found.add(new Drift(Kind.MOVED, was.path(), was.contentHash(), "now at " + file));
      }
    }
    return found;
  }

  private static Drift newFile(String file) {
    return new Drift(Kind.NEW, file, null, "not in the cache (run 'alice rebuild')");
  }

  /** A local file, or an object read in ranges through Beam's file systems. */
  private static MediaSource open(String path) throws IOException {
    if (!StorageType.isObjectStore(path)) {
      return ChannelMediaSource.open(Path.of(path));
    }
    ReadableByteChannel channel = FileSystems.open(FileSystems.matchNewResource(path, false));
    if (!(channel instanceof SeekableByteChannel seekable)) {
      channel.close();
      throw new IOException("its storage cannot read a range of an object");
    }
    return new ChannelMediaSource(seekable);
  }

  private static <T> T await(Future<T> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("verify was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    }
  }

  /**
   * One cached copy, local or an S3/GCS object (read through Beam's file systems), against the file.
   *
   * @param cachedJson the metadata every copy shared when the cache was built, or null when they differed
   */
  static Drift check(String hash, String path, Integer cachedVersion, String cachedJson) {
    try {
      if (!exists(path)) {
        return new Drift(Kind.MISSING, path, hash,
            StorageType.isObjectStore(path) ? "the object is gone" : "the file is gone");
      }
      try (MediaSource source = open(path)) {
        return compare(hash, path, cachedVersion, cachedJson, MediaInspector.inspect(source, true));
      }
    } catch (IOException | RuntimeException e) {
      return unreadable(hash, path, e);
    }
  }

  private static boolean exists(String path) throws IOException {
    if (!StorageType.isObjectStore(path)) {
      try {
        Files.readAttributes(Path.of(path), BasicFileAttributes.class);
        return true;
      } catch (AccessDeniedException e) {
        throw e; // a folder on its path cannot be read: the file may well be there (UNREADABLE, not MISSING)
      } catch (IOException e) {
        return false;
      }
    }
    try {
      FileSystems.matchSingleFileSpec(path);
      return true;
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  private static Drift unreadable(String hash, String path, Exception e) {
    return new Drift(Kind.UNREADABLE, path, hash, reason(e));
  }

  /** Why a path could not be read ({@code AccessDeniedException}'s own message is only the path). */
  private static String reason(Exception e) {
    if (e instanceof AccessDeniedException denied) {
      return "could not be read (permission denied" + (Objects.equals(denied.getFile(), denied.getMessage())
          ? "" : ": " + denied.getMessage()) + ")";
    }
    return Reasons.message(e);
  }

  /** The drift between what the cache says of a copy and what it holds now, or null. */
  private static Drift compare(String hash, String path, Integer cachedVersion, String cachedJson, Inspection seen) {
    if (!hash.equals(seen.contentHash())) {
      return new Drift(Kind.CHANGED, path, hash, "the media now hashes to " + seen.contentHash());
    }
    Integer version = seen.metadata() == null ? null : seen.metadata().metadataVersion();
    if (!Objects.equals(version, cachedVersion)) {
      return new Drift(Kind.METADATA, path, hash, "metadata_version is " + version + " in the file, "
          + cachedVersion + " in the cache");
    }
    if (cachedJson != null && seen.metadata() != null && !seen.metadata().equals(AliceMetadata.fromJson(cachedJson))) {
      return new Drift(Kind.METADATA, path, hash, "the embedded metadata differs from what the cache read"
          + " (same metadata_version " + version + ")");
    }
    return null;
  }
}
