package ai.alicemultiverse.export;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A local export folder. A run is written in {@code .staging-<run>} inside the folder (same file
 * system, so publishing is one atomic rename to {@code <run>}), with {@code manifest.json} and
 * {@code _SUCCESS} already inside when it appears; then {@code LATEST} is replaced to name it. While a run is staged its writer holds a lock on
 * {@code .staging-<run>.lock}: a pruner removes only staging folders whose lock nobody holds (the
 * export that wrote them died), never a run that another export is still writing.
 */
final class LocalDestination extends ExportDestination {
  private final Path root;

  LocalDestination(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public Path stagingDir(String runId) {
    return root.resolve(RunNames.staging(runId));
  }

  @Override
  public Staging stage(String runId) throws IOException {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new IOException(root + ": --to must be a folder, this is a file");
    }
    Files.createDirectories(root);
    try {
      removeAbandoned(); // every export, --keep or not: a killed one must not leave its files for good
    } catch (IOException housekeeping) {
      // what cannot be removed now is tried again by the next export; this run does not depend on it
    }
    Path lockFile = root.resolve(RunNames.staging(runId) + ".lock");
    FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.lock();
      Path dir = Files.createDirectory(stagingDir(runId));
      return new LocalStaging(runId, dir, channel, lock, lockFile);
    } catch (IOException | RuntimeException e) {
      channel.close();
      Files.deleteIfExists(lockFile);
      throw e;
    }
  }

  @Override
  public String publish(Staging staging, ExportManifest manifest) throws IOException {
    writeMarkers(staging.dir(), manifest);
    Path target = root.resolve(staging.runId());
    try {
      Files.move(staging.dir(), target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(root + ": the file system cannot publish a run atomically", e);
    }
    staging.published = true;
    pointLatest(staging.runId());
    return target.toString();
  }

  /** Replaces LATEST in one step (a reader sees the old name or the new, never half a name). */
  private void pointLatest(String runId) throws IOException {
    Path written = root.resolve(RunNames.staging(runId) + ".latest");
    try {
      Files.writeString(written, runId, java.nio.charset.StandardCharsets.UTF_8);
      Files.move(written, root.resolve(RunNames.LATEST), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(written);
      throw new IOException(root.resolve(runId) + " was published, but " + RunNames.LATEST
          + " could not be updated to name it: " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> publishedRuns() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(root)) {
      return entries.filter(p -> RunNames.isRun(p.getFileName().toString()))
          .filter(p -> Files.isRegularFile(p.resolve(RunNames.SUCCESS)))
          .map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Override
  public List<String> prune(int keep, String justPublished) throws IOException {
    List<String> removed = new ArrayList<>();
    for (String run : oldest(publishedRuns(), keep, justPublished)) {
      // Unpublish in one step first: a reader sees the whole run or none of it, never half deleted.
      Path doomed = root.resolve(RunNames.PRUNING_PREFIX + run);
      try {
        Files.move(root.resolve(run), doomed, StandardCopyOption.ATOMIC_MOVE);
      } catch (NoSuchFileException gone) {
        continue; // a concurrent pruner took it
      }
      deleteTree(doomed);
      removed.add(run);
    }
    removeAbandoned();
    return removed;
  }

  /**
   * Staging folders of exports that died (their lock is free), half-pruned runs, and lock files left
   * alone: an export killed after creating its lock and before its folder, or after publishing (while
   * it pruned), leaves only {@code .staging-<run>.lock}.
   */
  private void removeAbandoned() throws IOException {
    List<Path> hidden;
    List<Path> locks;
    try (Stream<Path> entries = Files.list(root)) {
      List<Path> all = entries.filter(p -> p.getFileName().toString().startsWith(RunNames.STAGING_PREFIX)
          || p.getFileName().toString().startsWith(RunNames.PRUNING_PREFIX)).toList();
      hidden = all.stream().filter(Files::isDirectory).toList();
      locks = all.stream().filter(p -> p.getFileName().toString().endsWith(".lock") && Files.isRegularFile(p))
          .toList();
    }
    for (Path lockFile : locks) {
      String name = lockFile.getFileName().toString();
      if (!Files.exists(root.resolve(name.substring(0, name.length() - ".lock".length()))) && stale(lockFile)) {
        removeIfFree(lockFile, null);
      }
    }
    for (Path dir : hidden) {
      String name = dir.getFileName().toString();
      if (name.startsWith(RunNames.PRUNING_PREFIX)) {
        deleteTree(dir);
        continue;
      }
      Path lockFile = root.resolve(name + ".lock");
      if (!Files.exists(lockFile)) {
        continue; // being created right now, or not ours: leave it
      }
      removeIfFree(lockFile, dir);
    }
  }

  /** Removes {@code dir} (if any) and {@code lockFile} when no export holds the lock. */
  private static void removeIfFree(Path lockFile, Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      if (lock != null) {
        if (dir != null) {
          deleteTree(dir);
        }
        Files.deleteIfExists(lockFile);
      }
    } catch (OverlappingFileLockException alive) {
      // held by an export in this process
    } catch (NoSuchFileException finished) {
      // its export just published or gave up
    }
  }

  /**
   * A lock file with no folder is an export's only between creating the file and taking its lock
   * (then it makes its folder at once): one older than this is no export starting.
   */
  private static boolean stale(Path lockFile) throws IOException {
    try {
      return Files.getLastModifiedTime(lockFile).toInstant().isBefore(Instant.now().minus(STARTING));
    } catch (NoSuchFileException gone) {
      return false;
    }
  }

  private static final Duration STARTING = Duration.ofMinutes(1);

  @Override
  public String location(String runId) {
    return root.resolve(runId).toString();
  }

  private static final class LocalStaging extends Staging {
    private final FileChannel channel;
    private final FileLock lock;
    private final Path lockFile;

    LocalStaging(String runId, Path dir, FileChannel channel, FileLock lock, Path lockFile) {
      super(runId, dir);
      this.channel = channel;
      this.lock = lock;
      this.lockFile = lockFile;
    }

    @Override
    public void close() throws IOException {
      try {
        if (!published) {
          deleteTree(dir());
        }
      } finally {
        lock.release();
        channel.close();
        Files.deleteIfExists(lockFile);
      }
    }
  }
}
