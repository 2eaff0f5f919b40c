package ai.alicemultiverse.beam;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Lists a local {@code /folder/**} pattern itself, following symbolic links like Beam's matcher
 * but stopping at loops (a link to an ancestor would make Beam's walk run forever). Every other
 * pattern (object stores, globs, single files) goes to {@link #OTHER} for {@code FileIO.matchAll}.
 */
class WalkLocalFoldersFn extends DoFn<String, MatchResult.Metadata> {
  static final TupleTag<MatchResult.Metadata> FILES = new TupleTag<>() {};
  static final TupleTag<String> OTHER = new TupleTag<>() {};

  private final Counter loops = Metrics.counter(PipelineCounters.NAMESPACE, "symlink_loops_skipped");

  @ProcessElement
  public void processElement(@Element String pattern, MultiOutputReceiver out) throws IOException {
    Path folder = SplitRootFn.localFolder(pattern);
    if (folder == null) {
      out.get(OTHER).output(pattern);
      return;
    }
    Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              out.get(FILES).output(MatchResult.Metadata.builder()
                  .setResourceId(FileSystems.matchNewResource(file.toString(), false))
                  .setSizeBytes(attrs.size())
                  .setLastModifiedMillis(attrs.lastModifiedTime().toMillis())
                  .setIsReadSeekEfficient(true)
                  .build());
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (e instanceof FileSystemLoopException) {
              loops.inc(); // a link back to an ancestor: its content is listed already
            }
            // Unreadable folders or dangling links: nothing to list there, as with Beam's matcher.
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
