package ai.alicemultiverse.media;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.Codecs;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.UnsupportedFormatException;
import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.hash.ContentHash;
import ai.alicemultiverse.io.Reasons;
import ai.alicemultiverse.io.SafeFileWriter;
import ai.alicemultiverse.io.SafeWriteException;
import ai.alicemultiverse.xmp.AliceMetadata;
import ai.alicemultiverse.xmp.AliceXmp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Writes alice metadata into a media file, safely: the new file is verified (it parses, the XMP
 * reads back as written, the content hash is unchanged) before it replaces the original.
 */
public final class MetadataEmbedder {
  /** The version of the alice metadata layout this build writes. */
  public static final int METADATA_VERSION = 1;

  private MetadataEmbedder() {}

  /**
   * The outcome: what the file holds now, whether anything had to be written, and what the user should know
   * about the write (e.g. a duplicate XMP packet that was removed); each warning names the file.
   */
  public record Result(AliceMetadata metadata, String contentHash, boolean changed, List<String> warnings) {
    public Result {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Applies {@code change} to the file's current metadata and writes the result. The content hash
   * is always computed from the media (never trusted) and stored. A change that leaves the metadata
   * as it was writes nothing, so running the same command twice is harmless.
   */
  public static Result embed(Path file, UnaryOperator<AliceMetadata> change) throws IOException {
    return embed(file, change, SafeFileWriter.Mtime.UPDATE);
  }

  /** {@link #embed(Path, UnaryOperator)}; {@code mtime} says whether the file keeps its modification time. */
  public static Result embed(Path file, UnaryOperator<AliceMetadata> change, SafeFileWriter.Mtime mtime)
      throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    if (folder != null) {
      SafeFileWriter.cleanStaleTempsOnce(folder); // leftovers of a killed earlier tag/ingest run
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return embedOnce(file, change, mtime);
      } catch (SafeWriteException e) {
        if (!(e.getCause() instanceof ChangedSinceRead) || attempt == ATTEMPTS) {
          throw e;
        }
        // another writer saved the file between our read and our write: apply the change to its version
      }
    }
  }

  /**
   * How often {@link #embed} re-reads and re-applies its change when another writer (a second alice tag, an
   * ingest) replaced the file between the read and the write. Without this the later writer would silently
   * drop the earlier one's tags: the lock only serialises the writes, not the read-modify-write.
   */
  private static final int ATTEMPTS = 5;

  private static Result embedOnce(Path file, UnaryOperator<AliceMetadata> change, SafeFileWriter.Mtime mtime)
      throws IOException {
    List<Object> readVersion = version(file); // taken before the read: a later change is always noticed
    ContainerCodec codec;
    XmpPacket existing;
    AliceMetadata before;
    String hash;
    int packets;
    try (MediaSource source = ChannelMediaSource.open(file)) {
      codec = Codecs.forSource(source);
      MediaFormat format = codec.format(source);
      if (!format.writable()) {
        throw new UnsupportedFormatException(format.readOnlyReason());
      }
      existing = codec.readXmp(source).orElse(null);
      packets = codec.xmpPacketCount(source);
      before = existing == null ? AliceMetadata.builder().build() : AliceXmp.read(existing);
      hash = ContentHash.of(source, codec.payload(source));
    } catch (IOException e) {
      throw new SafeWriteException(file, Reasons.of(e), e);
    }
    AliceMetadata changed = change.apply(before).toBuilder().contentHash(hash).build();
    if (changed.equals(before)) {
      return new Result(before, hash, false, List.of());
    }
    AliceMetadata after = changed.toBuilder()
        .processedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .metadataVersion(METADATA_VERSION)
        .build();
    String xml = AliceXmp.write(existing, after);
    SafeFileWriter.replace(file,
        out -> {
          if (!version(file).equals(readVersion)) { // checked under the file's write lock
            throw new ChangedSinceRead();
          }
          try (MediaSource source = ChannelMediaSource.open(file)) {
            codec.writeXmp(source, xml, out);
          }
        },
        written -> verify(written, after, hash),
        mtime);
    return new Result(after, hash, true, packets > 1 ? List.of(duplicatePacketsRemoved(file, packets)) : List.of());
  }

  /** Each format allows one XMP packet; the writer keeps the one readers use (the first) and drops the rest. */
  private static String duplicatePacketsRemoved(Path file, int packets) {
    int removed = packets - 1;
    return file + ": had " + packets + " XMP packets; kept the first, removed the duplicate"
        + (removed == 1 ? " packet" : " packets (" + removed + ")") + " (its fields were not merged)";
  }

  /** Which version of the file this is: a safe write always makes a new inode (whatever its mtime). */
  private static List<Object> version(Path file) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
    return Arrays.asList(attrs.fileKey(), attrs.size(), attrs.lastModifiedTime());
  }

  /** The file is no longer the version the change was computed from. */
  private static final class ChangedSinceRead extends IOException {
    ChangedSinceRead() {
      super("changed by another writer since it was read");
    }
  }

  /** Re-parses the written file as a reader would, from scratch. */
  static void verify(Path written, AliceMetadata expected, String expectedHash) throws IOException {
    try (MediaSource source = ChannelMediaSource.open(written)) {
      ContainerCodec codec = Codecs.forSource(source);
      XmpPacket packet = codec.readXmp(source)
          .orElseThrow(() -> new CodecException("the written file has no XMP"));
      AliceMetadata readBack = AliceXmp.read(packet);
      if (!readBack.equals(expected)) {
        throw new CodecException("the XMP does not read back as written");
      }
      String hash = ContentHash.of(source, codec.payload(source));
      if (!hash.equals(expectedHash)) {
        throw new CodecException("the content hash would change (" + expectedHash + " -> " + hash + ")");
      }
    }
  }
}
