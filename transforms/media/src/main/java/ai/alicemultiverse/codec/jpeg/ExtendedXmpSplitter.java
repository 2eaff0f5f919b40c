package ai.alicemultiverse.codec.jpeg;

import ai.alicemultiverse.codec.CodecException;
import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPIterator;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.XMPUtils;
import com.adobe.internal.xmp.options.ParseOptions;
import com.adobe.internal.xmp.options.SerializeOptions;
import com.adobe.internal.xmp.properties.XMPPropertyInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits an XMP packet that is too large for one JPEG segment into a standard packet and an
 * Extended XMP packet, as XMP Specification Part 3 (2016) 1.1.3.1 describes: the largest
 * top-level properties move to the extended part until the standard one fits; the standard one
 * then names the extended one by {@code xmpNote:HasExtendedXMP} = upper-case hex MD5 of the
 * serialized extended packet.
 *
 * <p>Adobe XMP Core does the parsing and serializing. Its own {@code XMPUtils.packageForJPEG} is
 * not used because it measures characters instead of UTF-8 bytes, digests with the platform
 * charset and writes the GUID in lower case, against the spec.
 */
final class ExtendedXmpSplitter {
  /** A segment payload is at most 65533 bytes; the standard identifier takes 29 of them. */
  static final int MAX_STANDARD_PACKET = 0xFFFF - 2 - JpegAppSegment.XMP.headerLength();

  private static final String HAS_EXTENDED = "HasExtendedXMP";
  private static final String ALICE_NS = "http://alicemultiverse.ai/ns/1.0/";
  /** Moved only as a last resort: readers that ignore Extended XMP should still see these. */
  private static final Set<String> KEEP_IN_STANDARD = Set.of(ALICE_NS + "alice:content_hash");
  /** Same length as a real GUID, so the size measured with it is the final size. */
  private static final String PLACEHOLDER_GUID = "0".repeat(ExtendedXmpAssembler.GUID_LENGTH);

  /** The standard packet (with packet wrapper) and, when needed, the extended one and its GUID. */
  record Parts(byte[] standard, byte[] extended, String guid) {}

  /** A top-level property and its size when serialized alone. */
  private record Property(String namespace, String path, int size, boolean keep) {}

  private ExtendedXmpSplitter() {}

  /** Refuses packets with a DTD: XMP has none, and entities are an expansion/XXE risk. */
  static void rejectDtd(String packet) throws CodecException {
    String upper = packet.toUpperCase(Locale.ROOT);
    if (upper.contains("<!DOCTYPE") || upper.contains("<!ENTITY")) {
      throw new CodecException("XMP packet contains a DTD; refused");
    }
  }

  /** The packet as it will be stored: unchanged when it fits one segment, split otherwise. */
  static Parts split(String packet) throws CodecException {
    rejectDtd(packet);
    byte[] utf8 = packet.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= MAX_STANDARD_PACKET) {
      return new Parts(utf8, null, null);
    }
    try {
      return splitParsed(parse(packet));
    } catch (XMPException e) {
      throw new CodecException("XMP packet (" + utf8.length + " bytes) cannot be split for JPEG: "
          + e.getMessage(), e);
    }
  }

  private static XMPMeta parse(String packet) throws CodecException {
    try {
      return XMPMetaFactory.parseFromString(packet, new ParseOptions().setDisallowDoctype(true));
    } catch (XMPException e) {
      throw new CodecException("XMP packet does not parse: " + e.getMessage(), e);
    }
  }

  private static Parts splitParsed(XMPMeta standard) throws XMPException, CodecException {
    XMPMeta extended = XMPMetaFactory.create();
    standard.deleteProperty(XMPConst.NS_XMP_NOTE, HAS_EXTENDED);
    standard.setProperty(XMPConst.NS_XMP_NOTE, HAS_EXTENDED, PLACEHOLDER_GUID);
    byte[] standardBytes = serializeStandard(standard);
    List<Property> candidates = topLevelProperties(standard);
    // Largest first, the kept ones last; re-serialize only when the estimate says it fits.
    candidates.sort(Comparator.comparing(Property::keep)
        .thenComparing(Comparator.comparingInt(Property::size).reversed()));
    int next = 0;
    while (standardBytes.length > MAX_STANDARD_PACKET && next < candidates.size()) {
      long estimate = standardBytes.length;
      while (estimate > MAX_STANDARD_PACKET && next < candidates.size()) {
        Property p = candidates.get(next++);
        XMPUtils.duplicateSubtree(standard, extended, p.namespace(), p.path(), p.namespace(),
            p.path(), null);
        standard.deleteProperty(p.namespace(), p.path());
        estimate -= p.size();
      }
      standardBytes = serializeStandard(standard);
    }
    if (standardBytes.length > MAX_STANDARD_PACKET) {
      throw new CodecException("XMP packet cannot be reduced to one JPEG segment ("
          + standardBytes.length + " bytes remain)");
    }
    if (!extended.iterator().hasNext()) {
      // Compact re-serialization alone made it fit: no extended part.
      standard.deleteProperty(XMPConst.NS_XMP_NOTE, HAS_EXTENDED);
      return new Parts(serializeStandard(standard), null, null);
    }
    byte[] extendedBytes = XMPMetaFactory.serializeToBuffer(extended,
        new SerializeOptions().setUseCompactFormat(true).setOmitPacketWrapper(true));
    String guid = HexFormat.of().withUpperCase().formatHex(md5(extendedBytes));
    standard.setProperty(XMPConst.NS_XMP_NOTE, HAS_EXTENDED, guid);
    return new Parts(serializeStandard(standard), extendedBytes, guid);
  }

  /** Top-level properties (path without '/' or '['), except xmpNote:HasExtendedXMP. */
  private static List<Property> topLevelProperties(XMPMeta meta) throws XMPException {
    List<Property> properties = new ArrayList<>();
    XMPIterator it = meta.iterator();
    while (it.hasNext()) {
      XMPPropertyInfo info = (XMPPropertyInfo) it.next();
      String path = info.getPath();
      if (path == null || path.isEmpty() || path.indexOf('/') >= 0 || path.indexOf('[') >= 0
          || (XMPConst.NS_XMP_NOTE.equals(info.getNamespace()) && path.endsWith(":" + HAS_EXTENDED))) {
        continue;
      }
      XMPMeta alone = XMPMetaFactory.create();
      XMPUtils.duplicateSubtree(meta, alone, info.getNamespace(), path, info.getNamespace(), path, null);
      int size = XMPMetaFactory.serializeToBuffer(alone, compact()).length;
      properties.add(new Property(info.getNamespace(), path, size,
          KEEP_IN_STANDARD.contains(info.getNamespace() + path)));
    }
    return properties;
  }

  private static byte[] serializeStandard(XMPMeta meta) throws XMPException {
    return XMPMetaFactory.serializeToBuffer(meta, compact());
  }

  /** Compact RDF, no padding: the standard packet must stay small. */
  private static SerializeOptions compact() {
    return new SerializeOptions().setUseCompactFormat(true).setPadding(0);
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required by every Java runtime", e);
    }
  }
}
