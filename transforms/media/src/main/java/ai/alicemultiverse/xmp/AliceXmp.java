package ai.alicemultiverse.xmp;

import ai.alicemultiverse.codec.XmpPacket;
import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.XMPUtils;
import com.adobe.internal.xmp.options.ParseOptions;
import com.adobe.internal.xmp.options.SerializeOptions;

/**
 * Reads and writes {@link AliceMetadata} as XMP, over Adobe XMP Core.
 *
 * <p>The alice properties live in the namespace {@link #NS} (prefix {@code alice}); the standard
 * ones are dc:title, dc:description, dc:subject, dc:creator, xmp:Rating, xmp:CreatorTool and
 * lr:hierarchicalSubject (one {@code category|value} entry per tag). {@link #write} edits the
 * packet already in the file, so every property alice does not own is kept as it was.
 *
 * <p>Every packet goes through {@link #parseSafely}: packets are untrusted input from media files.
 */
public final class AliceXmp {
  /** The alice XMP namespace. */
  public static final String NS = "http://alicemultiverse.ai/ns/1.0/";

  /** The preferred prefix of {@link #NS}. */
  public static final String PREFIX = "alice";

  /** ExifTool's XMP namespace (prefix {@code et}), where it keeps OriginalImageHash. */
  public static final String EXIFTOOL_NS = "http://ns.exiftool.org/1.0/";

  /** Lightroom's XMP namespace (prefix {@code lr}), whose hierarchicalSubject digiKam reads too. */
  public static final String LIGHTROOM_NS = "http://ns.adobe.com/lightroom/1.0/";

  /** The lr property holding hierarchical keywords, levels separated by '|'. */
  static final String HIERARCHICAL_SUBJECT = "hierarchicalSubject";

  /** Packets above this many UTF-8 bytes are refused before parsing. */
  public static final int MAX_PACKET_BYTES = 16 * 1024 * 1024;

  /** Padding after the packet so other tools can edit it in place. */
  static final int PADDING = 2048;

  /** The prefix (with ':') that XMP paths must use for {@link #NS}. */
  static final String P;

  static {
    try {
      // The registry is process-wide; if NS was registered under another prefix first, paths
      // must use that one (the serializer does too).
      String registered = XMPMetaFactory.getSchemaRegistry().registerNamespace(NS, PREFIX);
      P = registered.endsWith(":") ? registered : registered + ":";
      XMPMetaFactory.getSchemaRegistry().registerNamespace(EXIFTOOL_NS, "et");
      XMPMetaFactory.getSchemaRegistry().registerNamespace(LIGHTROOM_NS, "lr");
    } catch (XMPException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private AliceXmp() {}

  /**
   * Parses an untrusted packet.
   *
   * <p>Two guards against XML entity attacks (billion laughs, external entities such as
   * file:///etc/passwd): (1) here, a packet containing "&lt;!DOCTYPE" or "&lt;!ENTITY" (any case)
   * is refused before the parser sees it; XMP never needs a DTD. (2) xmpcore 6.1.11 itself
   * (XMPMetaParser.createDocumentBuilderFactory) sets disallow-doctype-decl=true and
   * external-general-entities=false on its shared DocumentBuilderFactory, and ParseOptions
   * defaults to DISALLOW_DOCTYPE, so the JDK parser rejects any DOCTYPE too. Its later settings
   * (external-parameter-entities, load-external-dtd, XInclude) sit in the same try block after a
   * feature name the JDK parser rejects, so they are silently skipped; they are moot once DOCTYPE
   * is refused, but that is why (1) is the guard this class relies on, and (2) is a second line.
   *
   * @throws XmpFormatException if the packet is null, over {@link #MAX_PACKET_BYTES}, carries a
   *     DTD, or is not well-formed XMP
   */
  public static XMPMeta parseSafely(String xml) throws XmpFormatException {
    if (xml == null) {
      throw new XmpFormatException("no XMP packet");
    }
    long bytes = utf8Length(xml);
    if (bytes > MAX_PACKET_BYTES) {
      throw new XmpFormatException(
          "XMP packet of " + bytes + " bytes exceeds the 16 MiB limit (" + MAX_PACKET_BYTES + ")");
    }
    int dtd = indexOfIgnoreCase(xml, "<!doctype");
    int entity = indexOfIgnoreCase(xml, "<!entity");
    if (dtd >= 0 || entity >= 0) {
      int at = dtd >= 0 ? dtd : entity;
      throw new XmpFormatException(
          "XMP packet declares a DTD or entity at char " + at + "; refused (XMP needs none)");
    }
    try {
      return XMPMetaFactory.parseFromString(xml, new ParseOptions());
    } catch (XMPException e) {
      String repaired = RepeatedNamespaces.dropRepeats(xml);
      if (repaired != xml) {
        try {
          return XMPMetaFactory.parseFromString(repaired, new ParseOptions()); // as ExifTool 12 writes it
        } catch (XMPException | RuntimeException stillBad) {
          e.addSuppressed(stillBad);
        }
      }
      throw new XmpFormatException("malformed XMP: " + reason(e), e);
    } catch (RuntimeException e) {
      // xmpcore has thrown unchecked exceptions on odd RDF; to callers it is still bad XMP.
      throw new XmpFormatException("malformed XMP: " + e, e);
    }
  }

  /**
   * Parses a packet as found in a container; for JPEG Extended XMP the extension's properties are
   * merged into the main packet (replacing same-named ones) and xmpNote:HasExtendedXMP is dropped.
   */
  static XMPMeta parsePacket(XmpPacket packet) throws XmpFormatException {
    XMPMeta main = parseSafely(packet.xml());
    if (packet.extendedXml() != null) {
      XMPMeta extension = parseSafely(packet.extendedXml());
      try {
        XMPUtils.appendProperties(extension, main, true, true);
      } catch (XMPException e) {
        throw new XmpFormatException("cannot merge Extended XMP: " + reason(e), e);
      }
      main.deleteProperty(XMPConst.NS_XMP_NOTE, "HasExtendedXMP");
    }
    return main;
  }

  /** The alice metadata in a packet; absent fields are null or empty. */
  public static AliceMetadata read(XmpPacket packet) throws XmpFormatException {
    return AliceXmpReader.read(parsePacket(packet));
  }

  /** A packet read once for both the alice metadata and the other tools' standard properties. */
  public record Read(AliceMetadata metadata, java.util.SortedMap<String, java.util.List<String>> standard) {}

  /** {@link #read} and {@link StandardXmp#read} from one parse of the packet. */
  public static Read readWithStandard(XmpPacket packet) throws XmpFormatException {
    XMPMeta meta = parsePacket(packet);
    return new Read(AliceXmpReader.read(meta), StandardXmp.read(meta));
  }

  /**
   * A new packet: {@code existingOrNull} (merged if Extended XMP) with the fields of {@code m} set,
   * and those that are null or empty in {@code m} removed. Other properties are kept.
   * Deterministic: the same inputs give the same string.
   */
  public static String write(XmpPacket existingOrNull, AliceMetadata m) throws XmpFormatException {
    XMPMeta meta = existingOrNull == null ? XMPMetaFactory.create() : parsePacket(existingOrNull);
    try {
      AliceXmpWriter.apply(meta, m);
    } catch (XMPException e) {
      throw new XmpFormatException("cannot set alice properties: " + reason(e), e);
    }
    return serialize(meta);
  }

  /**
   * Serializes as UTF-8 text inside an {@code <?xpacket?>} wrapper, writable in place, with
   * {@link #PADDING} bytes of padding. Properties are sorted (array items keep their order) so
   * the output depends only on the content. {@code meta} itself is left unchanged. Every property is
   * an element, never an attribute: ExifTool before 13 refuses to rewrite a packet holding one of its own
   * {@code et:} properties it does not know (OriginalImageHash) in attribute form, and would then leave
   * the whole file unedited.
   */
  public static String serialize(XMPMeta meta) throws XmpFormatException {
    SerializeOptions options = new SerializeOptions().setSort(true).setPadding(PADDING).setNewline("\n")
        .setUseCanonicalFormat(true);
    try {
      return XMPMetaFactory.serializeToString((XMPMeta) meta.clone(), options);
    } catch (XMPException e) {
      throw new XmpFormatException("cannot serialize XMP: " + reason(e), e);
    }
  }

  static String reason(XMPException e) {
    String reason = e.getMessage();
    if (e.getCause() != null && e.getCause().getMessage() != null) {
      reason += " (" + e.getCause().getMessage() + ")";
    }
    return reason;
  }

  private static long utf8Length(String s) {
    // Every char is at least one UTF-8 byte: cheap early exit for huge strings.
    if (s.length() > MAX_PACKET_BYTES) {
      return (long) s.length();
    }
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private static int indexOfIgnoreCase(String haystack, String lowerNeedle) {
    int last = haystack.length() - lowerNeedle.length();
    for (int i = haystack.indexOf('<'); i >= 0 && i <= last; i = haystack.indexOf('<', i + 1)) {
      if (haystack.regionMatches(true, i, lowerNeedle, 0, lowerNeedle.length())) {
        return i;
      }
    }
    return -1;
  }
}
