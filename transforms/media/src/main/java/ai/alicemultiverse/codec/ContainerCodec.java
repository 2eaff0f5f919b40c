package ai.alicemultiverse.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * One container format: where its XMP lives, how to replace it without touching anything else,
 * and which bytes are the media itself (for the content hash).
 *
 * <p>Implementations are stateless and thread-safe; they read through a {@link MediaSource} so only
 * the regions they need are fetched.
 */
public interface ContainerCodec {

  /** The format this codec handles (for ISO BMFF the brand decides MP4, MOV or M4A). */
  MediaFormat format(MediaSource source) throws IOException;

  /** True when the first bytes of a file (up to 64, fewer for a short file) carry this format's signature. */
  boolean recognizes(byte[] head);

  /** The embedded XMP packet, or empty when the file has none. */
  Optional<XmpPacket> readXmp(MediaSource source) throws IOException;

  /**
   * How many standard XMP packets the file holds. More than one is malformed (each format allows one); a
   * write keeps only the packet {@link #readXmp} returns, so callers say when the others are removed. Formats
   * whose reader cannot see a second packet report at most one.
   */
  default int xmpPacketCount(MediaSource source) throws IOException {
    return readXmp(source).isPresent() ? 1 : 0;
  }

  /**
   * The byte ranges whose concatenation, in order, is the media data hashed for the content hash
   * (see shared/vectors/README.md). Metadata, thumbnails and previews are never part of it.
   */
  List<ByteRange> payload(MediaSource source) throws IOException;

  /**
   * True when {@link #payload} is the whole file: formats without an ImageDataHash definition, which
   * alice reads only. Their hash changes with any edit, metadata included, and the index says so.
   */
  default boolean hashesWholeFile() {
    return false;
  }

  /**
   * Writes the whole file again to {@code out}, with {@code xmpPacket} (a complete serialized
   * {@code x:xmpmeta} document, UTF-8) as its only XMP, every other byte kept as it was except the
   * sizes/offsets the container requires to change. Media payload bytes are copied unchanged.
   */
  void writeXmp(MediaSource source, String xmpPacket, OutputStream out) throws IOException;

  /** What the file holds for generator import outside its XMP (text chunks, EXIF comment, C2PA). */
  default GeneratorTraces generatorTraces(MediaSource source) throws IOException {
    return GeneratorTraces.NONE;
  }

  /**
   * The playing time the container's header states (ISO BMFF {@code mvhd}; a WAV's {@code fmt } chunk
   * and data size, for fixed-size sample frames), or null: formats whose duration is known only from
   * their frames state none.
   */
  default Double statedDurationSeconds(MediaSource source) throws IOException {
    return null;
  }

  /**
   * The width and height of the image or video frame as the file's own frame or track header states them
   * ({@link FrameSize}); empty for sound, or where the header says nothing readable.
   */
  default Optional<FrameSize> frameSize(MediaSource source) throws IOException {
    return Optional.empty();
  }

  /**
   * The MIME type of this file: the format's ({@link MediaFormat#mime}) unless the container names a more
   * precise one (an ISO BMFF file branded 3GPP is {@code video/3gpp}).
   */
  default String mime(MediaSource source) throws IOException {
    return format(source).mime();
  }

  /** The codes of the first video and sound tracks, for formats with track tables (ISO BMFF). */
  default Optional<TrackCodes> trackCodes(MediaSource source) throws IOException {
    return Optional.empty();
  }

  /**
   * What a metadata parser is shown of the file in place of the whole: by default the whole file with
   * the payload read as zeros (offsets kept). Formats override it where a parser that reads in sequence
   * needs less (an MP3's tags and first frames, an ISO BMFF's top-level boxes but the media data, the
   * chunks before a WAV's samples, a PNG's chunks with one empty IDAT, a JPEG's header up to SOS) or more
   * (a WebP's canvas size is inside its payload). Locating the payload checks the file's structure, so
   * no parser meets a file the codec cannot walk; only a JPEG skips it, since finding its image data
   * means reading all of it and its parser stops at SOS.
   */
  default ParserView parserView(MediaSource source) throws IOException {
    return ParserView.sparse(source.size(), payload(source));
  }
}
