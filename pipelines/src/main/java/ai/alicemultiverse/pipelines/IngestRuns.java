package ai.alicemultiverse.pipelines;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The ingest history folder ({@code <parquet>/ingest/}) and the runs in it. A run holds a lock on
 * {@code .run-<id>.lock} while it works and marks its folder {@code _SUCCESS} once the cache took its rows.
 * A killed run leaves its lock file unlocked: the next ingest removes that run's folder when it never
 * reached the cache (its Parquet is half written), and only Beam's {@code .temp-beam} leftovers when it did.
 */
final class IngestRuns {
  static final String SUCCESS = "_SUCCESS";

  private IngestRuns() {}

  /** Cleans up after killed runs, then starts run {@code runId} (its folder is {@code ingestDir/run-<id>}). */
  static Live start(Path ingestDir, String runId) throws IOException {
    Files.createDirectories(ingestDir);
    removeAbandoned(ingestDir);
    Path lockFile = ingestDir.resolve(".run-" + runId + ".lock");
    FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      return new Live(ingestDir.resolve("run-" + runId), lockFile, channel, channel.lock());
    } catch (IOException | RuntimeException e) {
      channel.close();
      Files.deleteIfExists(lockFile);
      throw e;
    }
  }

  /** Prefix of the temporary folders dry runs work in. */
  static final String DRY_RUN_PREFIX = "alice-ingest-dry-run-";

  /**
   * Starts a dry run in a new temporary folder of its own, after removing the folders of dry runs
   * that were killed (this user's, in the same temporary folder): a dry run leaves nothing behind.
   */
  static Live startDryRun(String runId) throws IOException {
    Path own = Files.createTempDirectory(DRY_RUN_PREFIX);
    try (Stream<Path> entries = Files.list(own.getParent())) {
      for (Path other : entries.filter(p -> p.getFileName().toString().startsWith(DRY_RUN_PREFIX)
          && !p.equals(own) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && Files.isWritable(p)).toList()) {
        removeAbandonedDryRun(other);
      }
    } catch (IOException e) {
      // tidying up after others is a courtesy: this dry run goes on without it
    }
    try {
      Live live = start(own, runId);
      live.removeFolderOnClose(own);
      return live;
    } catch (IOException | RuntimeException e) {
      RunFolders.deleteTree(own);
      throw e;
    }
  }

  /**
   * A dry run's temporary folder, once no process holds a run in it. A folder without a lock file
   * is left alone: its dry run may be starting.
   */
  private static void removeAbandonedDryRun(Path folder) {
    try {
      try (Stream<Path> entries = Files.list(folder)) {
        if (entries.noneMatch(p -> p.getFileName().toString().endsWith(".lock"))) {
          return;
        }
      }
      removeAbandoned(folder);
      try (Stream<Path> left = Files.list(folder)) {
        if (left.findAny().isPresent()) {
          return; // a live dry run (or something else's files): left alone
        }
      }
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      // another user's, or just removed by its own run: not ours to tidy
    }
  }

  /** Runs whose lock file nobody holds: their process died. */
  static void removeAbandoned(Path ingestDir) throws IOException {
    List<Path> locks;
    try (Stream<Path> entries = Files.list(ingestDir)) {
      locks = entries.filter(p -> {
        String name = p.getFileName().toString();
        return name.startsWith(".run-") && name.endsWith(".lock");
      }).toList();
    }
    for (Path lockFile : locks) {
      String name = lockFile.getFileName().toString();
      Path runDir = ingestDir.resolve(name.substring(1, name.length() - ".lock".length()));
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
          FileLock lock = channel.tryLock()) {
        if (lock == null) {
          continue; // a live ingest
        }
        if (Files.exists(runDir.resolve(SUCCESS))) {
          RunFolders.removeBeamTemps(runDir);
        } else {
          RunFolders.deleteTree(runDir);
        }
        Files.deleteIfExists(lockFile);
      } catch (OverlappingFileLockException alive) {
        // a live ingest in this process
      } catch (NoSuchFileException finished) {
        // its ingest just finished
      }
    }
  }

  /** A run in progress; closing it tidies its folder (removes it when it never reached the cache). */
  static final class Live implements AutoCloseable {
    private final Path runDir;
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean committed;
    private Path removeOnClose;

    private Live(Path runDir, Path lockFile, FileChannel channel, FileLock lock) {
      this.runDir = runDir;
      this.lockFile = lockFile;
      this.channel = channel;
      this.lock = lock;
    }

    Path runDir() {
      return runDir;
    }

    private void removeFolderOnClose(Path folder) {
      removeOnClose = folder;
    }

    /** The cache holds this run's rows: its Parquet is history worth keeping. */
    void committed() throws IOException {
      Files.createDirectories(runDir);
      Files.write(runDir.resolve(SUCCESS), new byte[0]);
      committed = true;
    }

    @Override
    public void close() throws IOException {
      try {
        if (committed) {
          RunFolders.removeBeamTemps(runDir);
        } else {
          RunFolders.deleteTree(runDir);
        }
      } finally {
        try {
          lock.release();
        } finally {
          channel.close();
          Files.deleteIfExists(lockFile);
          if (removeOnClose != null) {
            RunFolders.deleteTree(removeOnClose);
          }
        }
      }
    }
  }
}
