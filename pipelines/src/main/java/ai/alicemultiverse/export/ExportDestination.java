package ai.alicemultiverse.export;

import ai.alicemultiverse.model.StorageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where export runs are published. A run is first written to a local staging folder; {@link
 * #publish} makes it visible to readers only when it is complete, and {@link #prune} removes old
 * published runs. Readers list the runs that hold {@code _SUCCESS} (see {@link #publishedRuns}).
 */
public abstract class ExportDestination {

  /** A local folder, or an {@code s3://} / {@code gs://} prefix (through Beam's FileSystems). */
  public static ExportDestination of(String to) {
    if (to == null || to.isBlank()) {
      throw new IllegalArgumentException("--to is empty");
    }
    if (StorageType.isObjectStore(to)) {
      return new ObjectStoreDestination(to);
    }
    if (to.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw new IllegalArgumentException("--to: '" + to + "' is not a folder, s3:// or gs:// location");
    }
    return new LocalDestination(Path.of(to));
  }

  /**
   * The local folder {@link #stage} will create for {@code runId}: known before the run starts, so
   * the export's confined DuckDB connection can be allowed to write there and nowhere else.
   */
  public abstract Path stagingDir(String runId);

  /** Starts a run: the returned staging folder is local and empty; close it to abandon the run. */
  public abstract Staging stage(String runId) throws IOException;

  /**
   * Writes {@code manifest.json} and {@code _SUCCESS} and makes the run visible.
   *
   * @return where the run is now, e.g. {@code /exports/run-...} or {@code s3://bucket/exports/run-...}
   */
  public abstract String publish(Staging staging, ExportManifest manifest) throws IOException;

  /** The published runs (they hold {@code _SUCCESS}), oldest first. */
  public abstract List<String> publishedRuns() throws IOException;

  /**
   * Keeps {@code justPublished} and the newest {@code keep - 1} other published runs, and removes
   * the rest. The run this export has just written always stays, even when another folder's name
   * sorts after it (e.g. one dated in the future). Runs still being written by another export are
   * never touched: they are not published yet.
   *
   * @return the runs removed, oldest first
   */
  public abstract List<String> prune(int keep, String justPublished) throws IOException;

  /** Where a run is (or would be) published. */
  public abstract String location(String runId);

  /** A run being written: its local folder, removed on close unless it was published. */
  public abstract static class Staging implements AutoCloseable {
    private final String runId;
    private final Path dir;
    boolean published;

    Staging(String runId, Path dir) {
      this.runId = runId;
      this.dir = dir;
    }

    public String runId() {
      return runId;
    }

    /** The local folder the run's files are written into. */
    public Path dir() {
      return dir;
    }

    @Override
    public abstract void close() throws IOException;
  }

  static void writeMarkers(Path dir, ExportManifest manifest) throws IOException {
    Files.writeString(dir.resolve(RunNames.MANIFEST), manifest.toJson(), StandardCharsets.UTF_8);
    Files.write(dir.resolve(RunNames.SUCCESS), new byte[0]);
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(p);
        } catch (NoSuchFileException gone) {
          // another pruner got there first
        }
      }
    } catch (java.io.UncheckedIOException e) {
      if (!(e.getCause() instanceof NoSuchFileException)) {
        throw e.getCause();
      }
    }
  }

  /** The published runs to remove: all but {@code justPublished} and the newest {@code keep - 1} others. */
  static List<String> oldest(List<String> runs, int keep, String justPublished) {
    if (keep < 1) {
      throw new IllegalArgumentException("--keep must be at least 1 (got " + keep + ")");
    }
    List<String> others = runs.stream().filter(run -> !run.equals(justPublished)).toList();
    int keepOthers = others.size() < runs.size() ? keep - 1 : keep;
    return others.size() <= keepOthers ? List.of() : others.subList(0, others.size() - keepOthers);
  }
}
