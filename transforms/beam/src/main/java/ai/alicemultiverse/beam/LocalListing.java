package ai.alicemultiverse.beam;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Walks a local folder, following symbolic links like Beam's matcher but stopping at loops (a link to
 * an ancestor would make Beam's walk run forever, and a watch list every file once per trip around
 * the loop). The rebuild's listing ({@link ListPatternFn}) and a watch's polls both walk with it.
 */
public final class LocalListing {
  private LocalListing() {}

  /**
   * Lists one pattern as made by {@link RootPatterns#of} or {@link SplitRootFn}: a local {@code /folder/**}
   * is walked ({@link #walk}); everything else (object stores, globs, single files) goes through Beam's
   * {@link FileSystems#match}, where a pattern that matches nothing lists nothing.
   */
  public static void list(String pattern, Consumer<MatchResult.Metadata> files, Runnable loops,
      BiConsumer<Path, IOException> unreadable) throws IOException {
    Path folder = LocalFolderSplit.folder(pattern);
    if (folder != null) {
      walk(folder, files, loops, unreadable);
      return;
    }
    MatchResult match = FileSystems.match(List.of(pattern), EmptyMatchTreatment.ALLOW).get(0);
    if (match.status() == MatchResult.Status.OK) {
      withSignatures(match.metadata()).forEach(file -> files.accept(FileSignature.signedLocal(file)));
    } else if (match.status() != MatchResult.Status.NOT_FOUND) {
      throw new IOException(pattern + ": could not list (" + match.status() + ")");
    }
  }

  /**
   * {@code listed} with the ETag of every S3 object: Beam's S3 glob match describes the objects from the
   * listing without it, and only its match of one object (a HEAD) gives it. Without it an object has no
   * change signature ({@link FileSignature}): an incremental run reads it again, and its row differs
   * from one a split listing made.
   */
  private static List<MatchResult.Metadata> withSignatures(List<MatchResult.Metadata> listed) throws IOException {
    List<String> unsigned = listed.stream()
        .filter(f -> f.checksum() == null && "s3".equals(f.resourceId().getScheme()))
        .map(f -> f.resourceId().toString()).toList();
    if (unsigned.isEmpty()) {
      return listed;
    }
    Map<String, MatchResult.Metadata> headed = new HashMap<>();
    for (MatchResult one : FileSystems.match(unsigned, EmptyMatchTreatment.ALLOW)) {
      if (one.status() == MatchResult.Status.OK) {
        one.metadata().forEach(f -> headed.put(f.resourceId().toString(), f));
      }
    }
    // an object gone since the listing keeps the listing's description (it is read, and found gone)
    return listed.stream().map(f -> headed.getOrDefault(f.resourceId().toString(), f)).toList();
  }

  /**
   * Calls {@code files} with every regular file below {@code folder} (its size, modification time and
   * change signature, {@link FileSignature}, included), {@code loops} once per link back to a folder the walk is in, and {@code unreadable} with
   * each folder (or entry) below it that could not be read, and why: nothing under it was listed, which
   * must not be taken for its files being gone.
   */
  public static void walk(Path folder, Consumer<MatchResult.Metadata> files, Runnable loops,
      BiConsumer<Path, IOException> unreadable) throws IOException {
    Set<Object> around = folderKeysAbove(folder);
    Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (attrs.fileKey() != null && around.contains(attrs.fileKey())) {
              loops.run(); // a link back to a folder that holds this one: see folderKeysAbove
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              files.accept(MatchResult.Metadata.builder()
                  .setResourceId(FileSystems.matchNewResource(file.toString(), false))
                  .setSizeBytes(attrs.size())
                  .setLastModifiedMillis(attrs.lastModifiedTime().toMillis())
                  .setIsReadSeekEfficient(true)
                  .setChecksum(signature(file))
                  .build());
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (e instanceof FileSystemLoopException) {
              loops.run(); // a link back to an ancestor: its content is listed already
            } else if (!(e instanceof NoSuchFileException)) {
              unreadable.accept(file, e); // a folder alice may not read (a file gone since its folder was read is not)
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** The file's change signature, or null when it is gone already (it is then read, and found gone). */
  private static String signature(Path file) {
    try {
      return FileSignature.local(file);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The identities of the folders above {@code folder} on its path as written (links in it not
   * resolved). The walk stops at a link back to one of them, as at a link back to a folder it has
   * walked through: a split part ({@code root/sub/**}) then finds what the walk of its whole root
   * finds there, where a link to the root would otherwise take it through the root again. A link
   * to a folder that holds the root is a loop too, rather than a walk of everything beside it.
   */
  private static Set<Object> folderKeysAbove(Path folder) {
    Set<Object> keys = new HashSet<>();
    for (Path above = folder.toAbsolutePath().normalize().getParent(); above != null; above = above.getParent()) {
      try {
        Object key = Files.readAttributes(above, BasicFileAttributes.class).fileKey();
        if (key != null) {
          keys.add(key);
        }
      } catch (IOException e) {
        // a folder above that cannot be read: no link can be seen to lead back to it
      }
    }
    return keys;
  }
}
