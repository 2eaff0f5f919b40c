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
    footer = {"", "Output: one 'content_hash  path' line per file (like sha256sum). Exit 1 if any file failed."})
final class HashCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Media files.")
  List<Path> files;

  @Override
  public Integer call() {
    int failures = 0;
    for (Path file : files) {
      try (MediaSource source = ChannelMediaSource.open(file)) {
        ContainerCodec codec = Codecs.forSource(source);
        System.out.println(ContentHash.of(source, codec.payload(source)) + "  " + Reasons.printable(file.toString()));
      } catch (Exception | Error e) { // one file's failure, even a parser's Error, is that file's line
        System.err.println("alice hash: " + Reasons.printable(file.toString()) + ": " + Reasons.of(e));
        failures++;
      }
    }
    return failures == 0 ? 0 : 1;
  }
}
