package ai.alicemultiverse.pipelines;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
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

    private Live(Path runDir, Path lockFile, FileChannel channel, FileLock lock) {
      this.runDir = runDir;
      this.lockFile = lockFile;
      this.channel = channel;
      this.lock = lock;
    }

    Path runDir() {
      return runDir;
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
        }
      }
    }
  }
}
