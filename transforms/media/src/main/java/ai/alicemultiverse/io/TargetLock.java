package ai.alicemultiverse.io;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive advisory lock on a lock file ({@code .alice-<key>.lock}, see {@link SiblingFiles}) that is deleted
 * again on release.
 *
 * <p>Two details make this safe rather than merely plausible:
 *
 * <ul>
 *   <li>Java file locks are POSIX {@code fcntl} locks on Linux: they belong to the process, and closing ANY
 *       channel on the file drops them. So one JVM keeps at most one channel per lock file; threads of this JVM
 *       are excluded by {@link #HELD_IN_THIS_JVM} before the file is even opened.
 *   <li>Deleting a lock file races with a waiter that already opened it: the waiter would lock the unlinked
 *       inode while a newcomer creates and locks a fresh one. A holder therefore writes one byte into the
 *       (otherwise always empty) lock file before unlinking it, and an acquirer that finds that byte retries.
 * </ul>
 */
final class TargetLock implements AutoCloseable {
  private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();
  /**
   * How often in a row an acquirer may find the released marker before concluding that a killed holder left a
   * marked file behind (killed between marking and unlinking), in which case the marker is cleared.
   */
  private static final int MAX_MARKED_RETRIES = 20;

  private final Path lockFile;
  private final FileChannel channel;
  private final FileLock lock;

  private TargetLock(Path lockFile, FileChannel channel, FileLock lock) {
    this.lockFile = lockFile;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock without waiting; null if another thread or process holds it. {@code lockFile} must be an
   * absolute path with a real (symlink-free) parent, so that all writers of one file agree on the key.
   */
  static TargetLock tryAcquire(Path lockFile) throws IOException {
    if (!HELD_IN_THIS_JVM.add(lockFile)) {
      return null;
    }
    boolean acquired = false;
    try {
      for (int attempt = 0; ; attempt++) {
        // NOFOLLOW_LINKS: we write a byte into this file, so a planted symlink must not redirect that write.
        FileChannel ch = FileChannel.open(lockFile, Set.of(CREATE, READ, WRITE, NOFOLLOW_LINKS));
        FileLock fl;
        try {
          fl = ch.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
          ch.close();
          if (e instanceof IOException) {
            throw (IOException) e;
          }
          return null;
        }
        if (fl == null) {
          ch.close();
          return null;
        }
        if (ch.size() > 0) {
          if (attempt < MAX_MARKED_RETRIES) {
            // The previous holder released this inode and unlinked it after we opened it: start over.
            fl.release();
            ch.close();
            continue;
          }
          ch.truncate(0);
        }
        acquired = true;
        return new TargetLock(lockFile, ch, fl);
      }
    } finally {
      if (!acquired) {
        HELD_IN_THIS_JVM.remove(lockFile);
      }
    }
  }

  /**
   * Marks, deletes and releases the lock file. Never throws: by now the real work is done or already failed,
   * and a lock file left behind is harmless (the next writer or {@code cleanStaleTemps} removes it).
   */
  @Override
  public void close() {
    try {
      // Only unlink once the marker is written; otherwise a waiter on this inode could not tell it is dead.
      channel.write(ByteBuffer.wrap(new byte[] {'x'}), 0);
      Files.deleteIfExists(lockFile);
    } catch (IOException e) {
      // e.g. disk full: keep the (unmarked, still valid) lock file rather than risk two holders.
    } finally {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        // closing the channel releases the lock regardless
      } finally {
        HELD_IN_THIS_JVM.remove(lockFile);
      }
    }
  }
}
