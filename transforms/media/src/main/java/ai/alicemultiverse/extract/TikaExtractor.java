package ai.alicemultiverse.extract;

import ai.alicemultiverse.codec.Codecs;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.FrameSize;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.ParserView;
import ai.alicemultiverse.codec.TrackCodes;
import ai.alicemultiverse.io.Reasons;
import java.io.IOException;
import java.io.InputStream;
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
 * {@link SourceInputStream} over alice's own {@link MediaSource} showing what the codec's {@link
 * ContainerCodec#parserView} names (never the media payload a parser can do without: an MP3's tags and
 * first few frames, with the duration the frames give; an ISO BMFF's top-level boxes but the media
 * data; a PNG's chunks with an empty IDAT), and every parse has a fresh {@link ParseContext} and a
 * bounded content handler. JPEG, TIFF and WebP go through {@link DrewImages}: the same EXIF/IPTC fields, without
 * a temporary copy of the file and without Tika's byte-by-byte XMP scan (alice reads XMP itself). A parse that fails is recorded as a note on
 * the result: the file is still indexed by its hash and XMP.
 */
public final class TikaExtractor {
  /** Metadata regions larger than this are cut (a note says so): no parser sees more. */
  static final long METADATA_LIMIT = 16L << 20;
  /** Views that keep the file's offsets (the payload as zeros) are cut at this size. */
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

  /** A metadata-extractor read over a stream. */
  private interface DrewStream {
    void read(InputStream in, Metadata tika) throws IOException, TikaException;
  }

  /** The formats metadata-extractor reads from the codec's view (TIFF it reads by random access). */
  private static final Map<MediaFormat, DrewStream> DREW_READERS =
      Map.of(MediaFormat.JPEG, DrewImages::jpeg, MediaFormat.WEBP, DrewImages::webp);

  private TikaExtractor() {}

  /**
   * The standard metadata of one file, with how many bytes were fetched for it. Never throws: a
   * file Tika cannot read gets a result with only its MIME type and a note saying why.
   */
  public static Result extract(MediaSource source, MediaFormat format) {
    return extract(source, format, Map.of());
  }

  /**
   * {@link #extract(MediaSource, MediaFormat)}, with the standard properties of the file's XMP packet (read by
   * alice, named {@code XMP-prefix:name}) added to the fields: the JSON keeps them beside the container's own, and
   * {@link Described} reads both.
   */
  public static Result extract(MediaSource source, MediaFormat format, Map<String, List<String>> xmpFields) {
    String mime = MIME_NAMES.get(format);
    Metadata tika = new Metadata();
    TrackCodes codes = null;
    long sampleDataBytes = -1;
    String note = null;
    long fetched = 0;
    try {
      tika.set(Metadata.CONTENT_TYPE, mime);
      if (!format.writable()) {
        ReadOnlyFormats.Read read = ReadOnlyFormats.extract(source, format, tika);
        addAll(tika, xmpFields);
        return new Result(StandardFields.from(mime, tika, null, -1, read.note()), read.bytesRead());
      }
      ContainerCodec codec = Codecs.forSource(source);
      if (format == MediaFormat.TIFF) {
        // IFDs by random access: the strips are never fetched, nor copied to a temporary file
        SourceReader reader = new SourceReader(source);
        note = parse(() -> DrewImages.tiff(reader, tika));
        fetched = reader.bytesRead();
      } else {
        ParserView shown = codec.parserView(source);
        SourceInputStream view =
            SourceInputStream.of(source, shown, shown.keepsOffsets() ? SPARSE_LIMIT : METADATA_LIMIT);
        DrewStream drew = DREW_READERS.get(format);
        if (drew != null) {
          note = parse(() -> drew.read(view, tika));
        } else {
          codes = codec.trackCodes(source).orElse(null);
          sampleDataBytes = shown.sampleDataBytes();
          try (TikaInputStream in = TikaInputStream.get(view)) {
            note = parse(PARSERS.get(format), in, tika);
          }
          if (shown.durationSeconds() != null) {
            // the parser saw a part only (an MP3's first frames): the codec's duration stands
            tika.set("xmpDM:duration", String.valueOf(shown.durationSeconds()));
          }
        }
        note = withTruncation(note, view);
        fetched = view.bytesRead();
      }
    } catch (IOException | RuntimeException e) {
      note = "could not read standard metadata: " + describe(e);
    }
    addAll(tika, xmpFields);
    StandardMetadata standard = StandardFields.from(mime, tika, codes, sampleDataBytes, note);
    return new Result(withFrameSize(standard, source), fetched);
  }

  private static void addAll(Metadata tika, Map<String, List<String>> fields) {
    fields.forEach((name, values) -> values.forEach(value -> tika.add(name, value)));
  }

  /**
   * The width and height the file's own frame or track header states ({@link ContainerCodec#frameSize}) in
   * place of the parsers' (which take EXIF's PixelXDimension or a thumbnail's size when they find one;
   * those stay in the JSON). A header that cannot be read leaves the parsers' values.
   */
  private static StandardMetadata withFrameSize(StandardMetadata standard, MediaSource source) {
    Optional<FrameSize> frame;
    try {
      frame = Codecs.forSource(source).frameSize(source);
    } catch (IOException | RuntimeException e) {
      return standard;
    }
    return frame.map(size -> standard.withSize(size.width(), size.height())).orElse(standard);
  }

  private static String withTruncation(String note, SourceInputStream view) {
    if (!view.truncated()) {
      return note;
    }
    return (note == null ? "" : note + "; ") + "metadata read from a bounded part of the file only";
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

  private static String describe(Throwable e) {
    Throwable telling = Reasons.telling(e);
    String message = telling.getMessage();
    // the message may quote the file's bytes: printable before it reaches the note and its JSON copy
    return Reasons.printable(telling.getClass().getSimpleName() + (message == null ? "" : ": " + message));
  }

  /** The standard metadata and the bytes fetched from the file to find it. */
  public record Result(StandardMetadata metadata, long bytesRead) {}
}
