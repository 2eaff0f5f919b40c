package ai.alicemultiverse.bench;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.Codecs;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.hash.ContentHash;
import ai.alicemultiverse.model.MediaFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Content-hash throughput against {@code sha256sum} on the same files, in the same run: the
 * machine is shared, so only the ratio means much.
 */
public final class HashBench {
  private HashBench() {}

  /** One pass over the files: seconds taken and bytes hashed (payload bytes for alice). */
  public record Pass(double seconds, long bytes) {
    double megabytesPerSecond() {
      return bytes / 1e6 / seconds;
    }
  }

  public static List<Path> mediaFiles(List<Path> roots) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path root : roots) {
      try (Stream<Path> tree = Files.walk(root)) {
        tree.filter(Files::isRegularFile).filter(f -> MediaFiles.looksLikeMedia(f.toString()))
            .sorted().forEach(files::add);
      }
    }
    return files;
  }

  /** Hashes every file's media payload on one thread, as alice hash does. */
  public static Pass alice(List<Path> files) throws IOException {
    long bytes = 0;
    long start = System.nanoTime();
    for (Path file : files) {
      try (MediaSource source = ChannelMediaSource.open(file)) {
        ContainerCodec codec = Codecs.forSource(source);
        List<ByteRange> payload = codec.payload(source);
        ContentHash.of(source, payload);
        for (ByteRange range : payload) {
          bytes += range.length();
        }
      } catch (IOException damaged) {
        // not hashable: left out of both figures' byte counts alike
      }
    }
    return new Pass((System.nanoTime() - start) / 1e9, bytes);
  }

  /** {@code sha256sum} over the whole files (one process, one thread). */
  public static Pass sha256sum(List<Path> files) throws IOException, InterruptedException {
    long bytes = 0;
    List<String> command = new ArrayList<>(List.of("sha256sum"));
    for (Path file : files) {
      command.add(file.toString());
      bytes += Files.size(file);
    }
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    if (process.waitFor() != 0) {
      throw new IOException("sha256sum failed with exit code " + process.exitValue());
    }
    return new Pass((System.nanoTime() - start) / 1e9, bytes);
  }

  public static void run(List<Path> roots, int rounds, PrintStream out) throws IOException, InterruptedException {
    List<Path> files = mediaFiles(roots);
    if (files.isEmpty()) {
      throw new IOException("no media files under " + roots);
    }
    alice(files); // warm-up: JIT and page cache for both contenders
    sha256sum(files);
    Pass best = null;
    Pass bestBaseline = null;
    for (int i = 0; i < rounds; i++) {
      Pass a = alice(files);
      Pass b = sha256sum(files);
      best = best == null || a.megabytesPerSecond() > best.megabytesPerSecond() ? a : best;
      bestBaseline = bestBaseline == null || b.megabytesPerSecond() > bestBaseline.megabytesPerSecond()
          ? b : bestBaseline;
    }
    out.printf(Locale.ROOT, "files: %d (%.1f MB on disk)%n", files.size(), bestBaseline.bytes() / 1e6);
    out.printf(Locale.ROOT, "alice content hash  %8.1f MB/s  (%.1f MB of media payload, best of %d)%n",
        best.megabytesPerSecond(), best.bytes() / 1e6, rounds);
    out.printf(Locale.ROOT, "sha256sum           %8.1f MB/s  (whole files, best of %d)%n",
        bestBaseline.megabytesPerSecond(), rounds);
    out.printf(Locale.ROOT, "ratio hash_vs_sha256sum=%.2f%n",
        best.megabytesPerSecond() / bestBaseline.megabytesPerSecond());
  }
}
