package ai.alicemultiverse.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Refuses what is not a regular file before anything opens it: opening a FIFO named {@code x.jpg}
 * blocks until a writer appears (forever), and a device or socket is no media file either. Links are
 * followed, as opening would.
 */
public final class RegularFiles {
  private RegularFiles() {}

  /** @throws FileSystemException naming the file and what it is, if it is not a regular file */
  public static void require(Path file) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
    if (!attrs.isRegularFile()) {
      throw new FileSystemException(file.toString(), null, "not a regular file (" + kind(file, attrs) + ")");
    }
  }

  /** What {@code file} is when it is not a regular file: "a FIFO", "a socket", ... */
  public static String kind(Path file) throws IOException {
    return kind(file, Files.readAttributes(file, BasicFileAttributes.class));
  }

  private static String kind(Path file, BasicFileAttributes attrs) {
    if (attrs.isRegularFile()) {
      return "a regular file";
    }
    if (attrs.isDirectory()) {
      return "a folder";
    }
    try {
      // st_mode's file type bits (POSIX <sys/stat.h>)
      int type = ((Integer) Files.getAttribute(file, "unix:mode")) & 0170000;
      return switch (type) {
        case 0010000 -> "a FIFO";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0140000 -> "a socket";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "a special file"; // a file system without unix attributes
    }
  }
}
