package ai.alicemultiverse.extract;

import ai.alicemultiverse.io.Reasons;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.SAXException;

/**
 * What Tika can read from a file alice has no codec for (HEIC, AVIF, FLAC, ...): the MIME type by
 * content and the metadata its image, audio/video and XMP parsers find. Read-only: alice never
 * writes these formats.
 */
public final class ForeignFormat {
  /** Tika sees at most this much of the file: metadata sits near the start of these formats. */
  static final int MAX_BYTES = 64 << 20;

  private ForeignFormat() {}

  /** @param facts every metadata name Tika reported, with its values joined by "; " */
  public record Facts(String mime, SortedMap<String, String> facts, String note) {}

  public static Facts read(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(MAX_BYTES);
    }
    Metadata metadata = new Metadata();
    String note = null;
    try (TikaInputStream stream = TikaInputStream.get(head)) {
      new AutoDetectParser().parse(stream, new BodyContentHandler(16 * 1024), metadata, new ParseContext());
    } catch (SAXException e) {
      if (!WriteLimitReachedException.isWriteLimitReached(e)) {
        note = "Tika could not read it all: " + Reasons.printable(e.getMessage());
      }
    } catch (TikaException | RuntimeException e) {
      note = "Tika could not read it all: " + Reasons.printable(e.getMessage());
    }
    SortedMap<String, String> facts = new TreeMap<>();
    for (String name : metadata.names()) {
      facts.put(name, String.join("; ", metadata.getValues(name)));
    }
    String mime = facts.remove(Metadata.CONTENT_TYPE);
    facts.keySet().removeIf(name -> name.startsWith("X-TIKA:"));
    return new Facts(mime == null ? "application/octet-stream" : mime, facts, note);
  }

  /** A short list of the facts most people look for, when present. */
  public static Map<String, String> essentials(Facts facts) {
    SortedMap<String, String> picked = new TreeMap<>();
    for (String name : new String[] {"tiff:ImageWidth", "tiff:ImageLength", "xmpDM:duration",
        "xmpDM:audioSampleRate", "xmpDM:audioChannels", "dc:title", "dc:creator", "xmp:CreatorTool"}) {
      if (facts.facts().containsKey(name)) {
        picked.put(name, facts.facts().get(name));
      }
    }
    return picked;
  }
}
