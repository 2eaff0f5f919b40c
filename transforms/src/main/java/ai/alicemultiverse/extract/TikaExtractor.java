package ai.alicemultiverse.extract;

import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.Codecs;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.audio.AudioParser;
import org.apache.tika.parser.image.ImageParser;
import org.apache.tika.parser.image.JpegParser;
import org.apache.tika.parser.image.TiffParser;
import org.apache.tika.parser.image.WebPParser;
import org.apache.tika.parser.mp3.Mp3Parser;
import org.apache.tika.parser.mp4.MP4Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.SAXException;

/**
 * Standard metadata through Apache Tika's image, audio/video and XMP parsers.
 *
 * <p>Tika never sees the network nor the file system: each format gets one named parser (no
 * auto-detected parser list, so no external-tool parser can run), the input is a
 * {@link SourceInputStream} over alice's own {@link MediaSource} that shows the metadata regions
 * and never the media payload (except MP3 frames), and every parse has a fresh
 * {@link ParseContext} and a bounded content handler. A parse that fails is recorded as a note on
 * the result: the file is still indexed by its hash and XMP.
 */
public final class TikaExtractor {
  /** Metadata regions larger than this are cut (a note says so): no parser sees more. */
  static final long METADATA_LIMIT = 16L << 20;
  /** Formats whose parsers follow offsets see the file with the payload as zeros, up to this size. */
  static final long SPARSE_LIMIT = 64L << 20;
  /** Tika's MP3 parser walks every audio frame for the duration: MP3s are read up to this size. */
  static final long MP3_LIMIT = 256L << 20;
  /** Bodies are not wanted, only metadata: a small bound stops a parser from buffering one. */
  static final int WRITE_LIMIT = 16 * 1024;

  private static final MimeTypes MAGIC = MimeTypes.getDefaultMimeTypes();
  private static final Map<MediaFormat, Parser> PARSERS = Map.of(
      MediaFormat.JPEG, new JpegParser(),
      MediaFormat.PNG, new ImageParser(),
      MediaFormat.WEBP, new WebPParser(),
      MediaFormat.TIFF, new TiffParser(),
      MediaFormat.MP4, new MP4Parser(),
      MediaFormat.MOV, new MP4Parser(),
      MediaFormat.M4A, new MP4Parser(),
      MediaFormat.MP3, new Mp3Parser(),
      MediaFormat.WAV, new AudioParser());

  private TikaExtractor() {}

  /**
   * The standard metadata of one file, with how many bytes were fetched for it. Never throws: a
   * file Tika cannot read gets a result with only its MIME type and a note saying why.
   */
  public static Result extract(MediaSource source, MediaFormat format) {
    String mime = format.mime();
    Metadata tika = new Metadata();
    TrackCodecs.Codes codes = null;
    long wavDataBytes = -1;
    String note = null;
    long fetched = 0;
    try {
      mime = detect(source);
      tika.set(Metadata.CONTENT_TYPE, mime);
      List<ByteRange> payload = format == MediaFormat.MP3 ? List.of() : Codecs.forSource(source).payload(source);
      SourceInputStream view = view(source, format, payload);
      if (format == MediaFormat.MP4 || format == MediaFormat.MOV || format == MediaFormat.M4A) {
        codes = TrackCodecs.read(source);
      } else if (format == MediaFormat.WAV) {
        wavDataBytes = payload.stream().mapToLong(ByteRange::length).sum();
      }
      try (TikaInputStream in = TikaInputStream.get(view)) {
        note = parse(PARSERS.get(format), in, tika);
      }
      if (view.truncated()) {
        note = (note == null ? "" : note + "; ") + "metadata read from a bounded part of the file only";
      }
      fetched = view.bytesRead();
    } catch (IOException | RuntimeException e) {
      note = "could not read standard metadata: " + describe(e);
    }
    return new Result(StandardFields.from(mime, tika, codes, wavDataBytes, note), fetched);
  }

  /** What each parser is shown: never the media payload, except MP3 frames (for the duration). */
  private static SourceInputStream view(MediaSource source, MediaFormat format, List<ByteRange> payload)
      throws IOException {
    return switch (format) {
      // segments up to SOS, then EOI: metadata-extractor stops at SOS, Tika's XMP scan sees no pixels
      case JPEG -> SourceInputStream.compact(source, complement(payload, source.size()), METADATA_LIMIT);
      case MP4, MOV, M4A -> SourceInputStream.compact(source, TopLevelBoxes.metadataBoxes(source), METADATA_LIMIT);
      case MP3 -> SourceInputStream.prefix(source, MP3_LIMIT);
      // the canvas size is in the VP8/VP8L bitstream header, inside the payload
      case WEBP -> SourceInputStream.prefix(source, SPARSE_LIMIT);
      case PNG, TIFF, WAV -> SourceInputStream.sparse(source, payload, SPARSE_LIMIT);
    };
  }

  private static String parse(Parser parser, InputStream in, Metadata tika) throws IOException {
    try {
      parser.parse(in, new BodyContentHandler(WRITE_LIMIT), tika, new ParseContext());
      return null;
    } catch (SAXException e) {
      return WriteLimitReachedException.isWriteLimitReached(e) ? null : "tika: " + describe(e);
    } catch (TikaException | RuntimeException e) {
      return "tika: " + describe(e);
    }
  }

  /** The MIME type by magic bytes alone (no file name is given to the detector). */
  static String detect(MediaSource source) throws IOException {
    try (SourceInputStream head = SourceInputStream.prefix(source, MAGIC.getMinLength())) {
      return MAGIC.detect(head, new Metadata()).toString();
    }
  }

  private static List<ByteRange> complement(List<ByteRange> holes, long size) {
    List<ByteRange> keep = new ArrayList<>();
    long at = 0;
    for (ByteRange hole : holes.stream().sorted(Comparator.comparingLong(ByteRange::offset)).toList()) {
      if (hole.offset() > at) {
        keep.add(new ByteRange(at, hole.offset() - at));
      }
      at = Math.max(at, hole.end());
    }
    if (size > at) {
      keep.add(new ByteRange(at, size - at));
    }
    return keep;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    if ((message == null || message.isBlank()) && e.getCause() != null) {
      return describe(e.getCause());
    }
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** The standard metadata and the bytes fetched from the file to find it. */
  public record Result(StandardMetadata metadata, long bytesRead) {}
}
