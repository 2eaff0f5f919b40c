package ai.alicemultiverse.bench;

import ai.alicemultiverse.io.SafeFileWriter;
import ai.alicemultiverse.media.MetadataEmbedder;
import ai.alicemultiverse.model.MediaFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Changes 1% of a corpus's files for the bench's second incremental re-run, a third each way: tagged in
 * place with their mtime kept (as {@code alice tag -P}), touched (a new mtime, the same bytes), and copied
 * into a new folder (new files). Closing removes the added copies, so the corpus keeps its file count for the
 * next bench; the tags and mtimes stay (the corpus's description does not depend on them).
 */
final class OnePercentChanged implements AutoCloseable {
  private static final String ADDED = "bench-added";

  private final Path added;
  private final long addedFiles;

  private OnePercentChanged(Path added, long addedFiles) {
    this.added = added;
    this.addedFiles = addedFiles;
  }

  static OnePercentChanged apply(Path corpus, PrintStream log) throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.walk(corpus)) {
      files = all.filter(Files::isRegularFile).filter(p -> MediaFiles.looksLikeMedia(p.toString())).sorted().toList();
    }
    int changes = Math.max(3, files.size() / 100);
    int step = Math.max(1, files.size() / changes);
    Path added = corpus.resolve(ADDED);
    deleteTree(added);
    Files.createDirectories(added);
    long tagged = 0;
    long touched = 0;
    long copied = 0;
    String note = "bench re-run " + Instant.now();
    for (int i = 0; i < changes && i * step < files.size(); i++) {
      Path file = files.get(i * step);
      switch (i % 3) {
        case 0 -> {
          try {
            MetadataEmbedder.embed(file, m -> m.toBuilder().description(note).build(), SafeFileWriter.Mtime.KEEP);
            tagged++;
          } catch (IOException | RuntimeException e) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now())); // a format alice does not write: touched
            touched++;
          }
        }
        case 1 -> {
          Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
          touched++;
        }
        default -> {
          Files.copy(file, added.resolve(i + "-" + file.getFileName()));
          copied++;
        }
      }
    }
    log.printf("changed %d of %d files: %d tagged (mtime kept), %d touched, %d added%n", tagged + touched + copied,
        files.size(), tagged, touched, copied);
    return new OnePercentChanged(added, copied);
  }

  long added() {
    return addedFiles;
  }

  @Override
  public void close() throws IOException {
    deleteTree(added);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
