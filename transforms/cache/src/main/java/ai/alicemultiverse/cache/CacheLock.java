package ai.alicemultiverse.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one writer of a cache at a time: an exclusive lock on {@code .<cache name>.lock} next to the cache.
 * A rebuild holds it from before its pipeline until its swap, and every in-place writer (ingest, scan, a
 * watch's batch) holds it for its transaction: so nothing is ever written into a file that a rebuild is
 * about to replace. In-place writers wait for it ({@link #await}); a rebuild first takes the rebuild lock
 * {@code .<cache name>.rebuild.lock} without waiting, so a second rebuild of the cache is refused at once.
 *
 * <p>The lock file is deleted on release, which races with a process that has just opened it: that process
 * would lock the unlinked file while a newcomer creates and locks a fresh one, and both would write the cache.
 * So a holder first writes one byte into the (otherwise empty) lock file and only then unlinks it, and an
 * acquirer that finds that byte knows its file is dead and starts over.
 */
public final class CacheLock implements AutoCloseable {
  private static final int MAX_MARKED_RETRIES = 20;

  private static final long POLL_MILLIS = 100;
  private static final String WRITE = "lock";
  private static final String REBUILD = "rebuild.lock";

  private final Path cache;
  private final Path lockFile;
  private final FileChannel channel;
  private final FileLock lock;
  /** A lock taken after this one and released before it (the rebuild's write lock). */
  private CacheLock inner;

  private CacheLock(Path cache, Path lockFile, FileChannel channel, FileLock lock) {
    this.cache = cache;
    this.lockFile = lockFile;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the write lock of {@code cacheFile}, waiting up to {@code wait} while another process holds it (a
   * rebuild holds it for as long as it runs, an in-place writer for its transaction).
   *
   * @return the lock, or null when it was still held after {@code wait}
   */
  public static CacheLock awaitWrite(Path cacheFile, java.time.Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      CacheLock held = tryAcquire(cacheFile, WRITE);
      if (held != null || System.nanoTime() - deadline > 0) {
        return held;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(cacheFile + ": interrupted while waiting for another alice process to finish", e);
      }
    }
  }

  /**
   * The locks of a rebuild: the rebuild lock at once (else {@code "<cache>: " + busy}), then the write
   * lock, waiting up to {@code wait} for an in-place writer's transaction to end. One close releases both.
   */
  public static CacheLock forRebuild(Path cacheFile, String busy, java.time.Duration wait) throws IOException {
    CacheLock rebuild = acquire(cacheFile, REBUILD, busy);
    try {
      rebuild.inner = awaitWrite(cacheFile, wait);
      if (rebuild.inner == null) {
        throw new IOException(rebuild.cache + ": another alice process has been writing this cache for "
            + wait.toSeconds() + " s; try again when it is done");
      }
      return rebuild;
    } catch (IOException | RuntimeException e) {
      rebuild.close();
      throw e;
    }
  }

  /**
   * The lock {@code .<cache name>.<suffix>} or an IOException saying {@code "<cache>: " + busy} when another
   * process (or another thread of this one) holds it. Creates the cache's folder if needed.
   */
  private static CacheLock acquire(Path cacheFile, String suffix, String busy) throws IOException {
    CacheLock held = tryAcquire(cacheFile, suffix);
    if (held == null) {
      throw new IOException(cacheFile.toAbsolutePath().normalize() + ": " + busy);
    }
    return held;
  }

  /** The lock {@code .<cache name>.<suffix>}, or null when it is held. */
  private static CacheLock tryAcquire(Path cacheFile, String suffix) throws IOException {
    Path cache = cacheFile.toAbsolutePath().normalize();
    Files.createDirectories(cache.getParent());
    Path lockFile = cache.resolveSibling("." + cache.getFileName() + "." + suffix);
    for (int attempt = 0; ; attempt++) {
      FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
        if (lock != null && channel.size() > 0) {
          if (attempt < MAX_MARKED_RETRIES) {
            lock.release(); // released and unlinked by its holder after we opened it: open the new one
            channel.close();
            continue;
          }
          channel.truncate(0); // a holder killed between marking and unlinking
        }
      } catch (OverlappingFileLockException e) {
        lock = null; // held by another thread of this JVM
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      if (lock == null) {
        channel.close();
        return null;
      }
      return new CacheLock(cache, lockFile, channel, lock);
    }
  }

  /** The cache file this lock guards (absolute, normalized). */
  public Path cache() {
    return cache;
  }

  @Override
  public void close() throws IOException {
    if (inner != null) {
      try {
        inner.close();
      } finally {
        inner = null;
        closeThis();
      }
      return;
    }
    closeThis();
  }

  private void closeThis() throws IOException {
    try {
      channel.write(ByteBuffer.wrap(new byte[] {'x'}), 0); // dead marker first, then unlink
      Files.deleteIfExists(lockFile);
    } catch (IOException e) {
      // e.g. disk full: an unmarked lock file left behind is still a valid, free lock
    } finally {
      try {
        lock.release();
      } finally {
        channel.close();
      }
    }
  }
}
