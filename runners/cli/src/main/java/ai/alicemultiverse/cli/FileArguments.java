package ai.alicemultiverse.cli;

import ai.alicemultiverse.io.Reasons;
import ai.alicemultiverse.model.MediaFiles;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The FILE arguments of {@code hash}, {@code show} and {@code tag}, with folders as ExifTool takes
 * them: a folder needs {@code -r}, and then stands for the media files under it (by extension, as
 * the rebuild picks them), in path order. Links are followed as ExifTool follows them; a link back
 * to a folder the walk is in is skipped, so it cannot loop.
 */
final class FileArguments {
  static final String RECURSE_HELP = "Read the media files in folders and their subfolders (as ExifTool -r);"
      + " without it a folder is an error.";

  private FileArguments() {}

  /**
   * The files {@code args} stand for. A folder that cannot be read (or a subfolder) is handed to
   * {@code unreadable} with the reason, and the walk goes on.
   *
   * @throws IllegalArgumentException for a folder without {@code recursive}, before anything is read
   */
  static List<Path> expand(List<Path> args, boolean recursive, BiConsumer<Path, IOException> unreadable) {
    requireRecurseForFolders(args, recursive);
    if (!recursive) {
      return args;
    }
    List<Path> files = new ArrayList<>();
    for (Path arg : args) {
      if (Files.isDirectory(arg)) {
        files.addAll(walk(arg, unreadable));
      } else {
        files.add(arg);
      }
    }
    return files;
  }

  /** @throws IllegalArgumentException naming the first folder in {@code args} when not {@code recursive} */
  static void requireRecurseForFolders(List<Path> args, boolean recursive) {
    if (recursive) {
      return;
    }
    for (Path arg : args) {
      if (Files.isDirectory(arg)) {
        throw new IllegalArgumentException(Reasons.printable(arg.toString())
            + " is a folder: give -r to read the media files under it");
      }
    }
  }

  private static List<Path> walk(Path folder, BiConsumer<Path, IOException> unreadable) {
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && MediaFiles.looksLikeMedia(file.toString())) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              if (!(e instanceof FileSystemLoopException)) { // a loop's files are listed already
                unreadable.accept(file, e);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      unreadable.accept(folder, e);
    }
    found.sort(null);
    return found;
  }
}
