package ai.alicemultiverse.beam;

import ai.alicemultiverse.model.FileError;
import ai.alicemultiverse.model.MediaFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Lists the files of one pattern ({@link LocalListing#list}: a local folder walked with loop detection,
 * anything else through Beam's {@link org.apache.beam.sdk.io.FileSystems#match}). Used instead of {@code
 * FileIO.matchAll}, whose internal shuffle uses the first Metadata coder and so loses every file's
 * modification time. A folder that cannot be read goes to {@link #UNREADABLE} as an error of stage
 * {@link FileError#LIST}: skipping it quietly would make its files look gone.
 */
class ListPatternFn extends DoFn<String, MatchResult.Metadata> {
  // Named tags: a generated id would differ on a worker that loads this class again (see ExtractMediaFn).
  /** Files listed (the main output). */
  static final TupleTag<MatchResult.Metadata> FILES = new TupleTag<>("ListPatternFn.FILES") {};
  /** Folders that could not be read. */
  static final TupleTag<FileError> UNREADABLE = new TupleTag<>("ListPatternFn.UNREADABLE") {};

  private final Counter loops = Metrics.counter(PipelineCounters.NAMESPACE, "symlink_loops_skipped");
  private final Counter failed = Metrics.counter(PipelineCounters.NAMESPACE, PipelineCounters.ERRORS);

  private final Counter unreadableFolders =
      Metrics.counter(PipelineCounters.NAMESPACE, PipelineCounters.FOLDERS_UNREADABLE);
  private final Counter mediaListed = Metrics.counter(PipelineCounters.NAMESPACE, PipelineCounters.MEDIA_LISTED);
  private final Counter listingsOpen = Metrics.counter(PipelineCounters.NAMESPACE, PipelineCounters.LISTINGS_OPEN);

  @ProcessElement
  public void processElement(@Element String pattern, MultiOutputReceiver out) throws IOException {
    LocalListing.list(pattern, file -> {
      if (MediaFiles.looksLikeMedia(file.resourceId().toString())) {
        mediaListed.inc();
      }
      out.get(FILES).output(file);
    }, loops::inc, (path, e) -> {
      failed.inc();
      unreadableFolders.inc();
      out.get(UNREADABLE).output(unreadable(path, e));
    });
    listingsOpen.dec();
  }

  static FileError unreadable(Path path, IOException e) {
    String why = e instanceof AccessDeniedException ? "permission denied"
        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new FileError(path.toString(), FileError.LIST,
        "could not be read (" + why + "): nothing under it was listed", Instant.now().toString());
  }
}
