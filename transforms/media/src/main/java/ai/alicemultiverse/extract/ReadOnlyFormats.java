package ai.alicemultiverse.extract;

import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.ParserView;
import java.io.IOException;
import java.util.List;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;

/**
 * Standard metadata of the formats alice reads only. Images and AVI go through metadata-extractor
 * (EXIF, IPTC, the container's own directories: HEIF, GIF, BMP, AVI), a RAW or DNG by random access
 * to its IFDs like a TIFF; the audio and Matroska formats get their MIME type and size only.
 */
final class ReadOnlyFormats {
  private ReadOnlyFormats() {}

  /** The note of a parse that failed (null when it did not), and the bytes fetched. */
  record Read(String note, long bytesRead) {}

  static Read extract(MediaSource source, MediaFormat format, Metadata tika) throws IOException {
    switch (format) {
      case DNG, CAMERA_RAW -> {
        if (isTiff(source)) {
          SourceReader reader = new SourceReader(source);
          String note = parse(() -> DrewImages.tiff(reader, tika));
          return new Read(note, reader.bytesRead());
        }
        return any(source, tika);
      }
      case HEIC, AVIF, AVI, GIF, BMP -> {
        return any(source, tika);
      }
      default -> {
        return new Read(null, 0);
      }
    }
  }

  private static Read any(MediaSource source, Metadata tika) throws IOException {
    // the whole file, bounded: these readers find what they need near the start
    SourceInputStream view =
        SourceInputStream.of(source, ParserView.sparse(source.size(), List.of()), TikaExtractor.SPARSE_LIMIT);
    String note = parse(() -> DrewImages.any(view, tika));
    if (view.truncated()) {
      note = (note == null ? "" : note + "; ") + "metadata read from a bounded part of the file only";
    }
    return new Read(note, view.bytesRead());
  }

  private static boolean isTiff(MediaSource source) throws IOException {
    if (source.size() < 4) {
      return false;
    }
    byte[] head = source.readFully(0, 4);
    return (head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0)
        || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42);
  }

  private interface Parse {
    void run() throws IOException, TikaException;
  }

  private static String parse(Parse parse) throws IOException {
    try {
      parse.run();
      return null;
    } catch (TikaException | RuntimeException e) {
      return "tika: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
  }
}
