package ai.alicemultiverse.cli;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.Codecs;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.hash.ContentHash;
import ai.alicemultiverse.io.Reasons;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "hash",
    mixinStandardHelpOptions = true,
    description = {
      "Print the content hash of each file (sha256 of the media data only).",
      "",
      "The hash stays the same when metadata is added, edited or removed. It is always computed "
          + "from the media, never read from the file's metadata.",
      ""
    },
    footer = {"", "Output: one 'content_hash  path' line per file (like sha256sum), or with --json an array of "
        + "{SourceFile, content_hash} objects (and {SourceFile, Error} for a file that failed). Exit 1 if any "
        + "file failed.",
      "Example: alice hash -r ~/Pictures/ai --json"})
final class HashCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Media files, or folders with -r.")
  List<Path> files;

  @Option(names = {"-r", "--recurse"}, description = FileArguments.RECURSE_HELP)
  boolean recurse;

  @Option(names = {"-j", "--json"}, description = "Print a JSON array, one object per file (as ExifTool -j).")
  boolean json;

  @Override
  public Integer call() {
    JsonOutput out = new JsonOutput();
    int[] failures = {0};
    List<Path> targets = FileArguments.expand(files, recurse, (folder, e) -> {
      failed(out, folder.toString(), Reasons.of(e));
      failures[0]++;
    });
    for (Path file : targets) {
      try {
        String hash = contentHash(file);
        if (json) {
          out.file(file.toString()).put("content_hash", hash);
        } else {
          System.out.println(hash + "  " + Reasons.printable(file.toString()));
        }
      } catch (Exception | Error e) { // one file's failure, even a parser's Error, is that file's line
        failed(out, file.toString(), Reasons.of(e));
        failures[0]++;
      }
    }
    if (json) {
      out.print();
    }
    return failures[0] == 0 ? 0 : 1;
  }

  /** The content hash of {@code file}'s media, computed from the media. */
  static String contentHash(Path file) throws java.io.IOException {
    try (MediaSource source = ChannelMediaSource.open(file)) {
      ContainerCodec codec = Codecs.forSource(source);
      return ContentHash.of(source, codec.payload(source));
    }
  }

  private void failed(JsonOutput out, String file, String reason) {
    System.err.println("alice hash: " + Reasons.printable(file) + ": " + reason);
    if (json) {
      out.error(file, reason);
    }
  }
}
