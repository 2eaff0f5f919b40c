package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.cache.PreviousCopies;
import ai.alicemultiverse.cache.RunInfo;
import ai.alicemultiverse.model.StorageType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.beam.sdk.io.FileSystems;

/**
 * Whether a rebuild or scan is incremental, and where its workers find the previous cache's copies: the
 * cache's present copies exported to {@code <run>/previous/copies.parquet} in the run's own folder (a local
 * one, or the hand-off prefix where the workers share no disk with this process). {@code --full}, {@code
 * --verify}, or a missing, unreadable or older cache make a full run, which reads every file.
 */
record PreviousRun(String copies, String fullBecause) {
  private static final String FILE = "previous/copies.parquet";

  /** A run that reads every file, and why. */
  static PreviousRun full(String because) {
    return new PreviousRun(null, because);
  }

  /**
   * The previous copies of {@code cacheFile} where the run's workers read them ({@code runDir}: a local
   * folder or an object-store prefix), or a full run.
   */
  static PreviousRun prepare(Path cacheFile, String runDir) throws IOException {
    return prepare(cacheFile, runDir, PreviousCopies::export);
  }

  /**
   * The cache's locations as an in-place rebuild joins them with its listing ({@link
   * PreviousCopies#exportLocations}), where the run's workers read them, or a full run.
   */
  static PreviousRun prepareLocations(Path cacheFile, String runDir) throws IOException {
    return prepare(cacheFile, runDir, PreviousCopies::exportLocations);
  }

  /** How the cache's rows are written to a local Parquet file. */
  @FunctionalInterface
  private interface Exporter {
    PreviousCopies.Export export(Path cacheFile, Path target) throws IOException;
  }

  private static PreviousRun prepare(Path cacheFile, String runDir, Exporter exporter) throws IOException {
    if (!StorageType.isObjectStore(runDir)) {
      Path local = Path.of(runDir).resolve(FILE);
      return of(exporter.export(cacheFile, local), local.toString());
    }
    Path cache = cacheFile.toAbsolutePath().normalize();
    Path local = cache.resolveSibling("." + cache.getFileName() + ".previous-" + runDir.substring(runDir.lastIndexOf('/') + 1)
        + ".parquet");
    try {
      PreviousCopies.Export export = exporter.export(cacheFile, local);
      if (!export.incremental()) {
        return full(export.fullBecause());
      }
      String remote = runDir + "/" + FILE;
      try (OutputStream out = Channels.newOutputStream(
          FileSystems.create(FileSystems.matchNewResource(remote, false), "application/octet-stream"))) {
        Files.copy(local, out);
      } catch (IOException | RuntimeException e) {
        throw new IOException(remote + ": could not hand the previous cache's copies to the workers: "
            + e.getMessage(), e);
      }
      return new PreviousRun(remote, null);
    } finally {
      Files.deleteIfExists(local);
    }
  }

  private static PreviousRun of(PreviousCopies.Export export, String copies) {
    return export.incremental() ? new PreviousRun(copies, null) : full(export.fullBecause());
  }

  /** Removes the exported copies once the pipeline has read them. */
  void remove() throws IOException {
    if (!incremental()) {
      return;
    }
    if (StorageType.isObjectStore(copies)) {
      FileSystems.delete(java.util.List.of(FileSystems.matchNewResource(copies, false)),
          org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } else {
      Files.deleteIfExists(Path.of(copies));
      try {
        Files.deleteIfExists(Path.of(copies).getParent()); // the run's previous/ folder, empty now
      } catch (java.nio.file.DirectoryNotEmptyException e) {
        // something else was put there: not ours to remove
      }
    }
  }

  boolean incremental() {
    return copies != null;
  }

  String kind() {
    return incremental() ? RunInfo.INCREMENTAL : RunInfo.FULL;
  }

  /** The summary's line: which kind of run it was, and the files read and reused. */
  static String describe(RunInfo run, String fullBecause) {
    return RunInfo.INCREMENTAL.equals(run.kind())
        ? String.format(Locale.ROOT, "incremental run: read %d files, reused %d unchanged (--full reads every file)",
            run.filesRead(), run.filesReused())
        : String.format(Locale.ROOT, "full run (%s): read %d files", fullBecause, run.filesRead());
  }
}
