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
 * The one writer of a cache at a time: an exclusive lock on {@code .<cache name>.lock} next to the cache,
 * taken without waiting by every command that replaces or updates the cache.
 *
 * <p>The lock file is deleted on release, which races with a process that has just opened it: that process
 * would lock the unlinked file while a newcomer creates and locks a fresh one, and both would write the cache.
 * So a holder first writes one byte into the (otherwise empty) lock file and only then unlinks it, and an
 * acquirer that finds that byte knows its file is dead and starts over.
 */
public final class CacheLock implements AutoCloseable {
  private static final int MAX_MARKED_RETRIES = 20;

  private final Path cache;
  private final Path lockFile;
  private final FileChannel channel;
  private final FileLock lock;

  private CacheLock(Path cache, Path lockFile, FileChannel channel, FileLock lock) {
    this.cache = cache;
    this.lockFile = lockFile;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code cacheFile} or throws an IOException saying {@code "<cache>: " + busy} when another
   * process (or another thread of this one) holds it. Creates the cache's folder if needed.
   */
  public static CacheLock acquire(Path cacheFile, String busy) throws IOException {
    Path cache = cacheFile.toAbsolutePath().normalize();
    Files.createDirectories(cache.getParent());
    Path lockFile = cache.resolveSibling("." + cache.getFileName() + ".lock");
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
        throw new IOException(cache + ": " + busy);
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
