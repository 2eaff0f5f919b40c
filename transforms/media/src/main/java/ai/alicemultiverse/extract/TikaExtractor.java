package ai.alicemultiverse.extract;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.Codecs;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.MetadataRegions;
import ai.alicemultiverse.codec.TrackCodes;
import ai.alicemultiverse.io.Reasons;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.audio.AudioParser;
import org.apache.tika.parser.image.ImageParser;
import org.apache.tika.parser.mp3.Mp3Parser;
import org.apache.tika.parser.mp4.MP4Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.SAXException;

/**
 * Standard metadata through Apache Tika's image and audio/video parsers.
 *
 * <p>Tika never sees the network nor the file system: each format gets one named parser (no
 * auto-detected parser list, so no external-tool parser can run), the input is a
 * {@link SourceInputStream} over alice's own {@link MediaSource} that shows the metadata regions
 * and never the media payload (where that is not enough, the codec's {@link
 * ContainerCodec#metadataRegions}: an MP3's tags and first few frames, with the duration the frames
 * give; an ISO BMFF's top-level boxes but the media data), and every parse has a fresh {@link ParseContext} and a bounded content
 * handler. JPEG, TIFF and WebP go through {@link DrewImages}: the same EXIF/IPTC fields, without
 * a temporary copy of the file and without Tika's byte-by-byte XMP scan (alice reads XMP itself). A parse that fails is recorded as a note on
 * the result: the file is still indexed by its hash and XMP.
 */
public final class TikaExtractor {
  /** Metadata regions larger than this are cut (a note says so): no parser sees more. */
  static final long METADATA_LIMIT = 16L << 20;
  /** Formats whose parsers follow offsets see the file with the payload as zeros, up to this size. */
  static final long SPARSE_LIMIT = 64L << 20;
  /** Bodies are not wanted, only metadata: a small bound stops a parser from buffering one. */
  static final int WRITE_LIMIT = 16 * 1024;

  /**
   * Each format's MIME type as Tika's registry names it (audio/wav is audio/vnd.wave there). The
   * codec that recognised the file has already checked its magic bytes: Tika's full magic scan
   * (every known type, over a 64 KB prefix) told nothing more and was 40% of an extraction.
   */
  private static final Map<MediaFormat, String> MIME_NAMES = mimeNames();

  private static Map<MediaFormat, String> mimeNames() {
    MediaTypeRegistry registry = MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();
    Map<MediaFormat, String> names = new java.util.EnumMap<>(MediaFormat.class);
    for (MediaFormat format : MediaFormat.values()) {
      names.put(format, registry.normalize(MediaType.parse(format.mime())).toString());
    }
    return names;
  }

  static {
    // Tika's PNG parser opens an ImageIO stream over its input; ImageIO's default stream caches
    // what it reads in a temporary file, one per parse. The views are small: memory does.
    ImageIO.setUseCache(false);
  }
  /** Tika parsers for the formats whose metadata is not read through {@link DrewImages}. */
  private static final Map<MediaFormat, Parser> PARSERS = Map.of(
      MediaFormat.PNG, new ImageParser(),
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
    String mime = MIME_NAMES.get(format);
    Metadata tika = new Metadata();
    TrackCodes codes = null;
    long wavDataBytes = -1;
    String note = null;
    long fetched = 0;
    try {
      tika.set(Metadata.CONTENT_TYPE, mime);
      if (!format.writable()) {
        ReadOnlyFormats.Read read = ReadOnlyFormats.extract(source, format, tika);
        return new Result(StandardFields.from(mime, tika, null, -1, read.note()), read.bytesRead());
      }
      ContainerCodec codec = Codecs.forSource(source);
      List<ByteRange> payload = codec.payload(source);
      switch (format) {
        case TIFF -> {
          // IFDs by random access: the strips are never fetched, nor copied to a temporary file
          SourceReader reader = new SourceReader(source);
          note = parse(() -> DrewImages.tiff(reader, tika));
          fetched = reader.bytesRead();
        }
        case JPEG -> {
          // segments up to SOS, then EOI: metadata-extractor stops at SOS
          SourceInputStream view =
              SourceInputStream.compact(source, complement(payload, source.size()), METADATA_LIMIT);
          note = withTruncation(parse(() -> DrewImages.jpeg(view, tika)), view);
          fetched = view.bytesRead();
        }
        case WEBP -> {
          // the canvas size is in the VP8/VP8L bitstream header, inside the payload
          SourceInputStream view = SourceInputStream.prefix(source, SPARSE_LIMIT);
          note = withTruncation(parse(() -> DrewImages.webp(view, tika)), view);
          fetched = view.bytesRead();
        }
        default -> {
          Optional<MetadataRegions> regions = codec.metadataRegions(source);
          SourceInputStream view = regions.isPresent()
              ? SourceInputStream.compact(source, regions.get().ranges(), METADATA_LIMIT)
              : view(source, format, payload);
          codes = codec.trackCodes(source).orElse(null);
          if (format == MediaFormat.WAV) {
            wavDataBytes = payload.stream().mapToLong(ByteRange::length).sum();
          }
          try (TikaInputStream in = TikaInputStream.get(view)) {
            note = parse(PARSERS.get(format), in, tika);
          }
          if (regions.isPresent() && regions.get().durationSeconds() != null) {
            // the parser saw a part only (an MP3's first frames): the codec's duration stands
            tika.set("xmpDM:duration", String.valueOf(regions.get().durationSeconds()));
          }
          note = withTruncation(note, view);
          fetched = view.bytesRead();
        }
      }
    } catch (IOException | RuntimeException e) {
      note = "could not read standard metadata: " + describe(e);
    }
    return new Result(StandardFields.from(mime, tika, codes, wavDataBytes, note), fetched);
  }

  private static String withTruncation(String note, SourceInputStream view) {
    if (!view.truncated()) {
      return note;
    }
    return (note == null ? "" : note + "; ") + "metadata read from a bounded part of the file only";
  }

  /** What Tika's own parsers are shown where the codec names no regions: never the media payload. */
  private static SourceInputStream view(MediaSource source, MediaFormat format, List<ByteRange> payload)
      throws IOException {
    return switch (format) {
      // the chunks before the sample data, up to the data chunk's header (which gives its size)
      case WAV -> SourceInputStream.compact(source,
          List.of(new ByteRange(0, payload.isEmpty() ? source.size() : payload.get(0).offset())), METADATA_LIMIT);
      case PNG -> pngView(source, payload);
      default -> SourceInputStream.sparse(source, payload, SPARSE_LIMIT);
    };
  }

  /**
   * Every chunk but the image data, in file order, with one empty IDAT standing in for the IDAT
   * chunks: the PNG reader meets a well-formed file and reads the chunks after the image data too.
   * The payload is the data fields of the IDAT chunks, which follow each other (PNG §5.6).
   */
  private static SourceInputStream pngView(MediaSource source, List<ByteRange> idatData) throws IOException {
    if (idatData.isEmpty()) {
      return SourceInputStream.prefix(source, METADATA_LIMIT);
    }
    long firstChunk = idatData.get(0).offset() - 8; // length(4) type(4)
    long afterLast = idatData.get(idatData.size() - 1).end() + 4; // CRC(4)
    List<SourceInputStream.Piece> pieces = new ArrayList<>();
    pieces.add(new SourceInputStream.Piece(0, firstChunk, false));
    pieces.add(SourceInputStream.Piece.of(EMPTY_IDAT));
    if (source.size() > afterLast) {
      pieces.add(new SourceInputStream.Piece(afterLast, source.size() - afterLast, false));
    }
    return SourceInputStream.pieces(source, pieces, METADATA_LIMIT);
  }

  private static final byte[] EMPTY_IDAT = emptyChunk("IDAT");

  private static byte[] emptyChunk(String type) {
    byte[] name = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(name);
    return java.nio.ByteBuffer.allocate(12).putInt(0).put(name).putInt((int) crc.getValue()).array();
  }

  /** A metadata-extractor read that reports like a Tika parse. */
  private interface DrewRead {
    void run() throws IOException, TikaException;
  }

  private static String parse(DrewRead read) throws IOException {
    try {
      read.run();
      return null;
    } catch (TikaException | RuntimeException e) {
      return "tika: " + describe(e);
    }
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
    Throwable telling = Reasons.telling(e);
    String message = telling.getMessage();
    return telling.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** The standard metadata and the bytes fetched from the file to find it. */
  public record Result(StandardMetadata metadata, long bytesRead) {}
}
