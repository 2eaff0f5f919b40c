package ai.alicemultiverse.xmp;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.properties.XMPProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The standard XMP properties other tools write and {@link AliceMetadata} does not model (it has dc:subject and
 * dc:description): title, rating, label, hierarchical keywords, capture time and GPS position. Named as
 * ExifTool groups them ({@code XMP-dc:title}), so they cannot be mistaken for the container's own fields
 * beside them in the standard metadata.
 */
public final class StandardXmp {
  static final String NS_LIGHTROOM = "http://ns.adobe.com/lightroom/1.0/";
  static final String NS_DIGIKAM = "http://www.digikam.org/ns/1.0/";

  /** Namespace, prefix and name of each property read. */
  private static final String[][] PROPERTIES = {
    {XMPConst.NS_DC, "dc", "title"},
    {XMPConst.NS_XMP, "xmp", "Rating"},
    {XMPConst.NS_XMP, "xmp", "Label"},
    {XMPConst.NS_XMP, "xmp", "CreateDate"},
    {NS_LIGHTROOM, "lr", "hierarchicalSubject"},
    {NS_DIGIKAM, "digiKam", "TagsList"},
    {XMPConst.NS_PHOTOSHOP, "photoshop", "DateCreated"},
    {XMPConst.NS_EXIF, "exif", "DateTimeOriginal"},
    {XMPConst.NS_EXIF, "exif", "GPSLatitude"},
    {XMPConst.NS_EXIF, "exif", "GPSLongitude"},
  };

  private StandardXmp() {}

  /**
   * Each property present, by its ExifTool name ({@code XMP-lr:hierarchicalSubject}), with its text values: every
   * item of an array, the x-default of a language alternative. A property of an unexpected form reads as absent:
   * packets come from any tool and must never fail a file.
   */
  public static SortedMap<String, List<String>> read(XMPMeta meta) {
    SortedMap<String, List<String>> fields = new TreeMap<>();
    for (String[] p : PROPERTIES) {
      try {
        List<String> values = texts(meta, p[0], p[2]);
        if (!values.isEmpty()) {
          fields.put("XMP-" + p[1] + ":" + p[2], values);
        }
      } catch (XMPException | RuntimeException e) {
        // of another form than the standard's: absent
      }
    }
    return Collections.unmodifiableSortedMap(fields);
  }

  private static List<String> texts(XMPMeta meta, String ns, String name) throws XMPException {
    List<String> out = new ArrayList<>();
    XMPProperty p = meta.getProperty(ns, name);
    if (p == null) {
      return out;
    }
    if (p.getOptions().isArrayAltText()) {
      XMPProperty x = meta.getLocalizedText(ns, name, "", XMPConst.X_DEFAULT);
      add(out, x);
      return out;
    }
    if (!p.getOptions().isArray()) {
      add(out, p);
      return out;
    }
    int n = meta.countArrayItems(ns, name);
    for (int i = 1; i <= n; i++) {
      add(out, meta.getArrayItem(ns, name, i));
    }
    return out;
  }

  private static void add(List<String> out, XMPProperty p) {
    if (p != null && !p.getOptions().isCompositeProperty() && p.getValue() != null && !p.getValue().isBlank()) {
      out.add(p.getValue().trim());
    }
  }
}
