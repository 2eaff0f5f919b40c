package ai.alicemultiverse.export;

import ai.alicemultiverse.storage.Listing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * An {@code s3://} or {@code gs://} prefix, written through Beam's FileSystems (so the S3 and GCS
 * options of the command line apply; call {@code FileSystems.setDefaultPipelineOptions} first).
 *
 * <p>Object stores cannot rename a folder atomically, so a run is published the way Hadoop and
 * Spark jobs do it: the data files are uploaded under {@code <prefix>/<run>/}, then {@code
 * manifest.json}, then {@code _SUCCESS}, and last {@code <prefix>/LATEST} naming the run. Readers must ignore run folders without {@code
 * _SUCCESS}; an upload that fails is deleted again. The run is staged in a local temporary folder
 * first because DuckDB writes local files only.
 */
final class ObjectStoreDestination extends ExportDestination {
  private final String root;

  ObjectStoreDestination(String root) {
    String scheme = root.substring(0, "s3://".length()); // s3:// and gs:// are both 5 long
    String path = root.substring(scheme.length()).replaceAll("/+$", "");
    if (path.isEmpty() || path.startsWith("/")) {
      throw new IllegalArgumentException("--to: '" + root + "' names no bucket");
    }
    this.root = scheme + path;
  }

  @Override
  public Path stagingDir(String runId) {
    return Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize().resolve("alice-export-" + runId);
  }

  @Override
  public Staging stage(String runId) throws IOException {
    Path dir = stagingDir(runId);
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectory(dir);
    }
    return new Staging(runId, dir) {
      @Override
      public void close() throws IOException {
        deleteTree(dir()); // the local copy is only a stepping stone
      }
    };
  }

  @Override
  public String publish(Staging staging, ExportManifest manifest) throws IOException {
    writeMarkers(staging.dir(), manifest);
    List<Path> files;
    try (Stream<Path> tree = Files.walk(staging.dir())) {
      files = new ArrayList<>(tree.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().equals(RunNames.SUCCESS)
              && !f.getFileName().toString().equals(RunNames.MANIFEST))
          .sorted().toList());
    }
    files.add(staging.dir().resolve(RunNames.MANIFEST));
    files.add(staging.dir().resolve(RunNames.SUCCESS)); // last: from now on the run is published
    List<ResourceId> uploaded = new ArrayList<>();
    try {
      for (Path file : files) {
        String relative = staging.dir().relativize(file).toString().replace('\\', '/');
        ResourceId target = FileSystems.matchNewResource(location(staging.runId()) + "/" + relative, false);
        upload(file, target);
        uploaded.add(target);
      }
    } catch (IOException | RuntimeException e) {
      try {
        FileSystems.delete(uploaded, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw new IOException(location(staging.runId()) + ": upload failed: " + e.getMessage(), e);
    }
    staging.published = true;
    pointLatest(staging.dir(), staging.runId());
    return location(staging.runId());
  }

  /** LATEST after _SUCCESS: an object is replaced whole, so a reader sees the old name or the new. */
  private void pointLatest(Path stagingDir, String runId) throws IOException {
    Path latest = stagingDir.resolve(RunNames.LATEST);
    try {
      Files.writeString(latest, runId, java.nio.charset.StandardCharsets.UTF_8);
      upload(latest, FileSystems.matchNewResource(root + "/" + RunNames.LATEST, false));
    } catch (IOException | RuntimeException e) {
      throw new IOException(location(runId) + " was published, but " + root + "/" + RunNames.LATEST
          + " could not be updated to name it: " + e.getMessage(), e);
    }
  }

  private static void upload(Path file, ResourceId target) throws IOException {
    // Closed once, through the stream: Beam's S3 channel completes its upload on close, and a
    // second close asks S3 to complete it again, which fails (400 InvalidPart on S3Proxy).
    try (InputStream in = Files.newInputStream(file);
        OutputStream out = Channels.newOutputStream(FileSystems.create(target, "application/octet-stream"))) {
      in.transferTo(out);
    }
  }

  @Override
  public List<String> publishedRuns() throws IOException {
    List<String> runs = new ArrayList<>();
    for (MatchResult.Metadata marker : Listing.of(root + "/*/" + RunNames.SUCCESS)) {
      ResourceId folder = marker.resourceId().getCurrentDirectory();
      String name = folder.toString().replaceAll("/+$", "");
      name = name.substring(name.lastIndexOf('/') + 1);
      if (RunNames.isRun(name)) {
        runs.add(name);
      }
    }
    return runs.stream().sorted().toList();
  }

  @Override
  public List<String> prune(int keep, String justPublished) throws IOException {
    List<String> removed = new ArrayList<>();
    for (String run : oldest(publishedRuns(), keep, justPublished)) {
      // Unpublish first (readers look for _SUCCESS), then remove the files.
      FileSystems.delete(List.of(FileSystems.matchNewResource(location(run) + "/" + RunNames.SUCCESS, false)),
          MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      MatchResult rest = FileSystems.match(location(run) + "/**", EmptyMatchTreatment.ALLOW);
      if (rest.status() == MatchResult.Status.OK) {
        List<ResourceId> files = rest.metadata().stream().map(MatchResult.Metadata::resourceId).toList();
        FileSystems.delete(files, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      }
      removed.add(run);
    }
    return removed;
  }

  @Override
  public String location(String runId) {
    return root + "/" + runId;
  }
}
