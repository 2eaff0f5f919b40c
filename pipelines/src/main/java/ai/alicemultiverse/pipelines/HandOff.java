package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.model.StorageType;
import ai.alicemultiverse.storage.Listing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Where a rebuild's workers write their Parquet shards, one {@code run-<id>} folder per rebuild, and
 * where the load reads them: a local folder, or an {@code s3://} or {@code gs://} prefix for workers
 * that share no disk with the process that loads the cache (a Flink cluster). The newest run is
 * kept for analytics, older ones are removed, a failed run's shards are deleted.
 */
abstract class HandOff {
  static final String RUN_PREFIX = "run-";

  /** A local folder, or an object-store prefix read and written through Beam's file systems. */
  static HandOff at(String location) {
    if (StorageType.isObjectStore(location)) {
      return new ObjectStoreHandOff(location.replaceAll("/+$", ""));
    }
    return new LocalHandOff(Path.of(location).toAbsolutePath().normalize());
  }

  /** Where one rebuild's shards go: {@code <hand-off>/run-<id>}. */
  abstract String run(String runId);

  /**
   * Fails now, naming the place, when the run's shards could not be written there (a misspelt
   * bucket, no permission): before the pipeline, not after hours of work.
   */
  abstract void checkWritable(String run) throws IOException;

  /**
   * The run's shards as local files for DuckDB (which reads local files only), copied next to
   * {@code cacheFile} first when they are not local; closing removes those copies. {@code inPlace}: an in-place
   * rebuild's, which has stale locations too.
   */
  abstract Shards fetch(String run, Path cacheFile, boolean inPlace) throws IOException;

  /** Removes a run's shards (a failed run is never loaded) and what Beam left of its temporary files. */
  abstract void delete(String run) throws IOException;

  /** Removes what Beam's file writes left beside a finished run's shards. */
  abstract void removeBeamTemps(String run) throws IOException;

  /** Removes every run but {@code keep}: the cache is built from the newest one. */
  abstract void removeOlderRuns(String keep) throws IOException;

  /**
   * The shards of a run, as local files.
   *
   * @param stale an in-place rebuild's stale locations (none in a full run)
   */
  record Shards(List<Path> assets, List<Path> errors, List<Path> stale, Path copies) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      if (copies != null) {
        RunFolders.deleteTree(copies);
      }
    }
  }

  private static final class LocalHandOff extends HandOff {
    private final Path dir;

    LocalHandOff(Path dir) {
      this.dir = dir;
    }

    @Override
    String run(String runId) {
      return dir.resolve(RUN_PREFIX + runId).toString();
    }

    @Override
    void checkWritable(String run) throws IOException {
      Path runDir = Path.of(run);
      try {
        Files.createDirectories(runDir);
      } catch (IOException e) {
        throw new IOException(runDir + ": the Parquet hand-off cannot be written there: " + e, e);
      }
      if (!Files.isWritable(runDir)) {
        throw new IOException(runDir + ": the Parquet hand-off cannot be written there: permission denied");
      }
    }

    @Override
    Shards fetch(String run, Path cacheFile, boolean inPlace) throws IOException {
      return new Shards(RunFolders.files(Path.of(run, "assets"), ".parquet"),
          RunFolders.files(Path.of(run, "errors"), ".parquet"),
          inPlace ? RunFolders.files(Path.of(run, "stale"), ".parquet") : List.of(), null);
    }

    @Override
    void delete(String run) throws IOException {
      RunFolders.deleteTree(Path.of(run));
    }

    @Override
    void removeBeamTemps(String run) throws IOException {
      RunFolders.removeBeamTemps(Path.of(run));
    }

    @Override
    void removeOlderRuns(String keep) throws IOException {
      if (!Files.isDirectory(dir)) {
        return;
      }
      try (Stream<Path> runs = Files.list(dir)) {
        // folders only: whatever else a user keeps there is not ours to delete
        for (Path old : runs.filter(p -> p.getFileName().toString().startsWith(RUN_PREFIX)
            && !p.toString().equals(keep) && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
          RunFolders.deleteTree(old);
        }
      }
    }
  }

  /**
   * An object-store prefix. Object stores have no folders: a run is the objects under its prefix.
   * DuckDB cannot read them in place here (its httpfs extension is not available), so the load
   * copies them to a folder beside the cache first.
   */
  private static final class ObjectStoreHandOff extends HandOff {
    private final String root;

    ObjectStoreHandOff(String root) {
      this.root = root;
    }

    @Override
    String run(String runId) {
      return root + "/" + RUN_PREFIX + runId;
    }

    @Override
    void checkWritable(String run) throws IOException {
      ResourceId probe = FileSystems.matchNewResource(run + "/.alice-write-check", false);
      try {
        Channels.newOutputStream(FileSystems.create(probe, "application/octet-stream")).close();
        FileSystems.delete(List.of(probe), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      } catch (IOException | RuntimeException e) {
        throw new IOException(run + ": the Parquet hand-off cannot be written there: " + e.getMessage(), e);
      }
    }

    @Override
    Shards fetch(String run, Path cacheFile, boolean inPlace) throws IOException {
      Path cache = cacheFile.toAbsolutePath().normalize();
      String name = "." + cache.getFileName() + ".shards-";
      // copies a killed rebuild left behind (the caller holds the cache's rebuild lock: none is in use)
      try (Stream<Path> entries = Files.list(cache.getParent())) {
        for (Path stale : entries.filter(p -> p.getFileName().toString().startsWith(name)).toList()) {
          RunFolders.deleteTree(stale);
        }
      }
      Path copies = cache.resolveSibling(name + run.substring(run.lastIndexOf('/') + 1));
      Shards shards = new Shards(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), copies);
      try {
        download(run + "/assets/", copies.resolve("assets"), shards.assets());
        download(run + "/errors/", copies.resolve("errors"), shards.errors());
        if (inPlace) {
          download(run + "/stale/", copies.resolve("stale"), shards.stale());
        }
      } catch (IOException | RuntimeException e) {
        shards.close();
        throw e;
      }
      return shards;
    }

    private static void download(String prefix, Path dir, List<Path> into) throws IOException {
      for (MatchResult.Metadata shard : list(prefix + "*.parquet")) {
        String key = shard.resourceId().toString();
        Path local = Files.createDirectories(dir).resolve(key.substring(key.lastIndexOf('/') + 1));
        try (InputStream in = Channels.newInputStream(FileSystems.open(shard.resourceId()))) {
          Files.copy(in, local);
        } catch (IOException e) {
          throw new IOException(key + ": could not copy the shard for the load: " + e.getMessage(), e);
        }
        into.add(local);
      }
      into.sort(null);
    }

    @Override
    void delete(String run) throws IOException {
      remove(list(run + "/**"));
    }

    @Override
    void removeBeamTemps(String run) throws IOException {
      remove(list(run + "/**").stream().filter(o -> o.resourceId().toString().contains("/.temp-beam")).toList());
    }

    @Override
    void removeOlderRuns(String keep) throws IOException {
      remove(list(root + "/" + RUN_PREFIX + "*/**").stream()
          .filter(o -> !o.resourceId().toString().startsWith(keep + "/")).toList());
    }

    private static List<MatchResult.Metadata> list(String glob) throws IOException {
      try {
        return Listing.of(glob);
      } catch (IOException e) {
        throw new IOException(glob + ": could not list the Parquet hand-off: " + e.getMessage(), e);
      }
    }

    private static void remove(List<MatchResult.Metadata> objects) throws IOException {
      List<ResourceId> ids = objects.stream().map(MatchResult.Metadata::resourceId).toList();
      if (!ids.isEmpty()) {
        FileSystems.delete(ids, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      }
    }
  }
}
