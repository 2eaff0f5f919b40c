package ai.alicemultiverse.io;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Rewrites a user's media file so that, whatever happens (exception, bad output, disk full, a kill, a power
 * cut after the call returned), the file is either the complete old version or the complete new one.
 *
 * <p>How: lock, stream into a hidden temp in the same folder, fsync, verify by re-parsing, check nobody else
 * changed the original meanwhile, copy its permissions / owner / user xattrs (and, only when asked, its mtime)
 * onto the temp, rename the temp over the original atomically, fsync the folder. By default the file gets a new
 * mtime, as with any editor or ExifTool: backups ({@code rsync -a} compares size and mtime) and watchers must
 * see the edit, and XMP padding often keeps the size. Symlinks are written through: the real file is replaced
 * and the link stays a link. A hard-linked file is replaced under this name only (the other names keep the old
 * content), as with every atomic-rename save.
 */
public final class SafeFileWriter {
  /** How long {@link #replace} waits for another writer of the same file before failing as busy. */
  static final Duration LOCK_WAIT = Duration.ofSeconds(5);
  /** A temp younger than this is never cleaned up, even when its lock is free. */
  static final Duration STALE_AFTER = Duration.ofSeconds(5);

  private static final Duration LOCK_POLL = Duration.ofMillis(25);
  private static final int BUFFER_SIZE = 64 * 1024;
  private static final int MAX_TEMP_NAME_ATTEMPTS = 16;
  private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
  private static final Set<Path> CLEANED_FOLDERS = ConcurrentHashMap.newKeySet();

  private SafeFileWriter() {}

  /** What the replaced file's modification time is. */
  public enum Mtime {
    /** The time of the write, so backups and watchers see the change (the default). */
    UPDATE,
    /** The original's, as ExifTool's {@code -P}: the edit is invisible to tools that compare size and mtime. */
    KEEP
  }

  /** Streams the complete new content of a file. Must not retain {@code out}; closing it is harmless. */
  @FunctionalInterface
  public interface ContentWriter {
    void write(OutputStream out) throws IOException;
  }

  /** Re-reads the written temp file; throws an IOException whose message is the reason if anything is off. */
  @FunctionalInterface
  public interface Verifier {
    void verify(Path written) throws IOException;
  }

  /**
   * Writes {@code target} anew: content comes from {@code writer}, then {@code verifier} checks the temp file,
   * then the temp replaces the target atomically. On any failure the target is byte-identical to before, the
   * temp is deleted, and the thrown exception names the file and the reason.
   */
  public static void replace(Path target, ContentWriter writer, Verifier verifier) throws SafeWriteException {
    replace(target, writer, verifier, Mtime.UPDATE);
  }

  /** {@link #replace(Path, ContentWriter, Verifier)}, keeping the original's mtime when {@code mtime} says so. */
  public static void replace(Path target, ContentWriter writer, Verifier verifier, Mtime mtime)
      throws SafeWriteException {
    replace(target, writer, verifier, mtime, LOCK_WAIT);
  }

  static void replace(Path target, ContentWriter writer, Verifier verifier, Duration lockWait)
      throws SafeWriteException {
    replace(target, writer, verifier, Mtime.UPDATE, lockWait);
  }

  static void replace(Path target, ContentWriter writer, Verifier verifier, Mtime mtime, Duration lockWait)
      throws SafeWriteException {
    Objects.requireNonNull(mtime, "mtime");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(writer, "writer");
    Objects.requireNonNull(verifier, "verifier");
    Path real = resolveRegularFile(target);
    try (TargetLock lock = acquire(target, real, lockWait)) {
      BasicFileAttributes before = readOriginal(target, real);
      Path temp = createTemp(target, real);
      boolean moved = false;
      try {
        writeAndSync(target, temp, writer);
        verify(target, temp, verifier);
        ensureUnchanged(target, real, before);
        copyMetadata(target, real, before, temp, mtime);
        move(target, temp, real);
        moved = true;
      } finally {
        if (!moved) {
          deleteQuietly(temp);
        }
      }
      syncDirectory(real.getParent());
    }
  }

  /**
   * Deletes temp files a killed process left in {@code folder}: only our temp names (see {@link SiblingFiles}),
   * only when the lock of the file they belong to is free (no live writer) and the temp is older than
   * {@link #STALE_AFTER}. Stale lock files go too. Returns how many temps were deleted. Does not descend into
   * subfolders.
   */
  public static int cleanStaleTemps(Path folder) throws IOException {
    Path realFolder = folder.toRealPath();
    Map<Path, List<Path>> tempsByLock = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(realFolder)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        Path lockOfTemp = SiblingFiles.lockOfTemp(realFolder, name);
        if (lockOfTemp != null && Files.isRegularFile(entry, NOFOLLOW_LINKS)) {
          tempsByLock.computeIfAbsent(lockOfTemp, k -> new ArrayList<>()).add(entry);
        } else if (SiblingFiles.isLock(name) && Files.isRegularFile(entry, NOFOLLOW_LINKS)) {
          tempsByLock.computeIfAbsent(entry, k -> new ArrayList<>());
        }
      }
    }
    FileTime cutoff = FileTime.from(Instant.now().minus(STALE_AFTER));
    int deleted = 0;
    for (Map.Entry<Path, List<Path>> owner : tempsByLock.entrySet()) {
      TargetLock lock;
      try {
        lock = TargetLock.tryAcquire(owner.getKey());
      } catch (IOException e) {
        continue; // cannot tell whether a writer is alive (e.g. read-only folder): leave its temps alone
      }
      if (lock == null) {
        continue; // a live writer owns these temps
      }
      // Closing deletes the lock file: it was either ours just now or a killed writer's.
      try (lock) {
        for (Path temp : owner.getValue()) {
          if (isOlderThan(temp, cutoff) && Files.deleteIfExists(temp)) {
            deleted++;
          }
        }
      }
    }
    return deleted;
  }

  /**
   * {@link #cleanStaleTemps} once per folder in the life of this process: a command that writes into a folder
   * first removes what a killed earlier run left there, without listing a large folder again for every file.
   * Never throws: a folder that cannot be listed is simply not cleaned (the write itself reports real problems).
   */
  public static void cleanStaleTempsOnce(Path folder) {
    Path real;
    try {
      real = folder.toRealPath();
    } catch (IOException e) {
      return;
    }
    if (CLEANED_FOLDERS.add(real)) {
      try {
        cleanStaleTemps(real);
      } catch (IOException e) {
        // unreadable folder: leftovers stay for a later run, the original files are intact either way
      }
    }
  }

  private static Path resolveRegularFile(Path target) throws SafeWriteException {
    Path real;
    try {
      real = target.toRealPath();
    } catch (NoSuchFileException e) {
      throw new SafeWriteException(target, "does not exist", e);
    } catch (IOException e) {
      throw new SafeWriteException(target, "cannot resolve: " + describe(e), e);
    }
    if (!Files.isRegularFile(real, NOFOLLOW_LINKS)) {
      throw new SafeWriteException(target, "not a regular file", null);
    }
    return real;
  }

  private static TargetLock acquire(Path target, Path real, Duration wait) throws SafeWriteException {
    Path lockFile = SiblingFiles.lockFor(real.getParent(), real.getFileName().toString());
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      TargetLock lock;
      try {
        lock = TargetLock.tryAcquire(lockFile);
      } catch (IOException e) {
        throw new SafeWriteException(target, "cannot lock: " + describe(e), e);
      }
      if (lock != null) {
        return lock;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new SafeWriteException(target, "busy: another process is writing this file", null);
      }
      try {
        Thread.sleep(LOCK_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SafeWriteException(target, "interrupted while waiting for the file lock", e);
      }
    }
  }

  /** Re-checked under the lock: the file may have been replaced or removed since it was resolved. */
  private static BasicFileAttributes readOriginal(Path target, Path real) throws SafeWriteException {
    BasicFileAttributes attrs;
    try {
      attrs = readAttributes(real);
    } catch (NoSuchFileException e) {
      throw new SafeWriteException(target, "does not exist", e);
    } catch (IOException e) {
      throw new SafeWriteException(target, "cannot read attributes: " + describe(e), e);
    }
    if (!attrs.isRegularFile()) {
      throw new SafeWriteException(target, "not a regular file", null);
    }
    // A write-protected file is the user saying "do not touch", even though the folder would allow a rename.
    if (!Files.isWritable(real)) {
      throw new SafeWriteException(target, "file is read-only", null);
    }
    return attrs;
  }

  private static BasicFileAttributes readAttributes(Path file) throws IOException {
    if (Files.getFileAttributeView(file, PosixFileAttributeView.class, NOFOLLOW_LINKS) != null) {
      return Files.readAttributes(file, PosixFileAttributes.class, NOFOLLOW_LINKS);
    }
    return Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW_LINKS);
  }

  /**
   * Owner-only permissions while the content is written: never more readable than the original, and still
   * writable when the original is not. The original's permissions are applied just before the rename.
   */
  private static Path createTemp(Path target, Path real) throws SafeWriteException {
    Path folder = real.getParent();
    String name = real.getFileName().toString();
    FileAttribute<?>[] ownerOnly =
        Files.getFileAttributeView(real, PosixFileAttributeView.class) != null
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
            : new FileAttribute<?>[0];
    IOException last = null;
    for (int attempt = 0; attempt < MAX_TEMP_NAME_ATTEMPTS; attempt++) {
      String random = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
      try {
        return Files.createFile(SiblingFiles.tempFor(folder, name, random), ownerOnly);
      } catch (FileAlreadyExistsException e) {
        last = e;
      } catch (IOException e) {
        throw new SafeWriteException(target, "cannot create temp file: " + describe(e), e);
      }
    }
    throw new SafeWriteException(target, "cannot create temp file: no free name", last);
  }

  private static void writeAndSync(Path target, Path temp, ContentWriter writer) throws SafeWriteException {
    try (FileChannel channel = FileChannel.open(temp, WRITE, NOFOLLOW_LINKS)) {
      OutputStream out = new BufferedOutputStream(new ChannelOutput(channel), BUFFER_SIZE);
      writer.write(out);
      out.flush();
      channel.force(true); // data and size on disk before the rename can make them visible
    } catch (IOException | RuntimeException e) {
      throw new SafeWriteException(target, "write failed: " + describe(e), e);
    }
  }

  private static void verify(Path target, Path temp, Verifier verifier) throws SafeWriteException {
    try {
      verifier.verify(temp);
    } catch (IOException | RuntimeException e) {
      throw new SafeWriteException(target, "verification failed: " + describe(e), e);
    }
  }

  /** Another program (an editor, a sync client) saved the file while we wrote: its version must win. */
  private static void ensureUnchanged(Path target, Path real, BasicFileAttributes before)
      throws SafeWriteException {
    BasicFileAttributes now;
    try {
      now = Files.readAttributes(real, BasicFileAttributes.class, NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new SafeWriteException(target, "changed by another program while writing", e);
    }
    boolean same =
        now.isRegularFile()
            && now.size() == before.size()
            && now.lastModifiedTime().equals(before.lastModifiedTime())
            && Objects.equals(now.fileKey(), before.fileKey());
    if (!same) {
      throw new SafeWriteException(target, "changed by another program while writing", null);
    }
  }

  /**
   * Extended attributes and owner/group are best effort (a non-root user cannot give a file away); the
   * permissions (and a kept modification time) are part of the product's promise, so failing to set them aborts.
   * A kept mtime goes last because the other steps may touch it; otherwise the temp's own mtime (the time of the
   * write) stays.
   */
  private static void copyMetadata(Path target, Path real, BasicFileAttributes before, Path temp, Mtime mtime)
      throws SafeWriteException {
    copyUserAttributes(real, temp);
    try {
      if (before instanceof PosixFileAttributes) {
        PosixFileAttributes posix = (PosixFileAttributes) before;
        PosixFileAttributeView view =
            Files.getFileAttributeView(temp, PosixFileAttributeView.class, NOFOLLOW_LINKS);
        try {
          view.setOwner(posix.owner());
        } catch (IOException e) {
          // not root: the new file stays ours
        }
        try {
          view.setGroup(posix.group());
        } catch (IOException e) {
          // not a member of that group
        }
        view.setPermissions(posix.permissions());
      }
      if (mtime == Mtime.KEEP) {
        Files.getFileAttributeView(temp, BasicFileAttributeView.class, NOFOLLOW_LINKS)
            .setTimes(before.lastModifiedTime(), null, null);
      }
    } catch (IOException e) {
      throw new SafeWriteException(target, "cannot copy permissions or modification time: " + describe(e), e);
    }
  }

  /** User xattrs (Finder tags, quarantine flags, ...) would otherwise vanish with the old inode. */
  private static void copyUserAttributes(Path original, Path temp) {
    UserDefinedFileAttributeView from =
        Files.getFileAttributeView(original, UserDefinedFileAttributeView.class, NOFOLLOW_LINKS);
    UserDefinedFileAttributeView to =
        Files.getFileAttributeView(temp, UserDefinedFileAttributeView.class, NOFOLLOW_LINKS);
    if (from == null || to == null) {
      return;
    }
    try {
      for (String name : from.list()) {
        ByteBuffer value = ByteBuffer.allocate(from.size(name));
        from.read(name, value);
        value.flip();
        to.write(name, value);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // file system without user xattrs, or a value we may not write: the content matters more
    }
  }

  private static void move(Path target, Path temp, Path real) throws SafeWriteException {
    try {
      // rename(2): readers see the old file or the new one, never a mix. No non-atomic fallback on purpose.
      Files.move(temp, real, ATOMIC_MOVE, REPLACE_EXISTING);
    } catch (IOException e) {
      throw new SafeWriteException(target, "cannot replace atomically: " + describe(e), e);
    }
  }

  /** Makes the rename itself durable. Not possible on every platform (Windows refuses to open a folder). */
  private static void syncDirectory(Path folder) {
    try (FileChannel dir = FileChannel.open(folder, READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // the rename is done; only its durability across a power cut is left to the OS
    }
  }

  private static boolean isOlderThan(Path file, FileTime cutoff) {
    try {
      return Files.getLastModifiedTime(file, NOFOLLOW_LINKS).compareTo(cutoff) < 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // left for cleanStaleTemps; the original is untouched either way
    }
  }

  private static String describe(Throwable e) {
    if (e instanceof FileSystemException) {
      FileSystemException fse = (FileSystemException) e;
      String reason = fse.getReason() != null ? fse.getReason() : e.getClass().getSimpleName();
      return fse.getFile() != null ? reason + " (" + fse.getFile() + ")" : reason;
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** Writes straight into the channel; {@code close()} is a no-op so a writer cannot close it before fsync. */
  private static final class ChannelOutput extends OutputStream {
    private final FileChannel channel;

    ChannelOutput(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }

    @Override
    public void close() {}
  }
}
