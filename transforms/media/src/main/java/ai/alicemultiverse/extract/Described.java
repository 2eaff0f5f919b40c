package ai.alicemultiverse.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What people and their tools wrote about a file, beside alice's own metadata, as the standard metadata's JSON
 * holds it: the XMP properties alice reads itself ({@code XMP-dc:title}, see {@code StandardXmp}) and the fields
 * Tika and metadata-extractor map from IPTC, EXIF, ID3 and QuickTime. Where two places give one value, XMP comes
 * first, then IPTC, then EXIF, then the audio/video container's tags (the Metadata Working Group's order for
 * files whose copies are in sync).
 *
 * @param title XMP dc:title, else IPTC Object Name, ID3 TIT2 or QuickTime/iTunes ©nam
 * @param rating XMP xmp:Rating, else EXIF Rating: -1 (rejected) to 5
 * @param label XMP xmp:Label (a colour name in Lightroom and Bridge)
 * @param caption IPTC Caption-Abstract, else EXIF ImageDescription, else the container's description or comment
 *     (ID3 COMM, QuickTime ©des/©cmt); XMP dc:description is alice's {@code description} and comes before it
 * @param captionSource where {@code caption} was found: iptc, exif or media; null without a caption
 * @param takenAt when the content was captured, {@code yyyy-MM-ddTHH:mm:ss} as the file writes it (its zone
 *     dropped): XMP photoshop:DateCreated or exif:DateTimeOriginal, else EXIF DateTimeOriginal, else XMP
 *     xmp:CreateDate, else the container's creation time (QuickTime CreationDate)
 * @param latitude degrees north (XMP exif:GPSLatitude, else EXIF GPS)
 * @param longitude degrees east
 * @param keywords flat keywords outside XMP (IPTC Keywords)
 * @param paths hierarchical keywords, root first: {@code lr:hierarchicalSubject} ({@code a|b|c}) and
 *     {@code digiKam:TagsList} ({@code a/b/c})
 * @param genres ID3 TCON and the like
 */
public record Described(String title, Integer rating, String label, String caption, String captionSource,
    String takenAt, Double latitude, Double longitude, List<String> keywords, List<List<String>> paths,
    List<String> genres) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Described NOTHING =
      new Described(null, null, null, null, null, null, null, null, List.of(), List.of(), List.of());
  private static final Pattern DATE = Pattern.compile(
      "(\\d{4})[-:](\\d{2})[-:](\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2}))?)?.*");
  /** XMP's GPS coordinate: {@code DDD,MM,SSk} or {@code DDD,MM.mmk}. */
  private static final Pattern XMP_COORDINATE =
      Pattern.compile("(\\d{1,3}),(\\d{1,2}(?:\\.\\d+)?)(?:,(\\d{1,2}(?:\\.\\d+)?))?([NSEW])");

  /** The fields of a standard metadata JSON object; nothing for null or unreadable JSON. */
  public static Described of(String standardJson) {
    if (standardJson == null) {
      return NOTHING;
    }
    JsonNode all;
    try {
      all = JSON.readTree(standardJson);
    } catch (IOException e) {
      return NOTHING;
    }
    if (all == null || !all.isObject()) {
      return NOTHING;
    }
    String[] caption = caption(all);
    List<List<String>> paths = new ArrayList<>();
    texts(all, "XMP-lr:hierarchicalSubject").forEach(p -> addPath(paths, p.split("\\|")));
    texts(all, "XMP-digiKam:TagsList").forEach(p -> addPath(paths, p.split("/")));
    return new Described(
        first(all, "XMP-dc:title", "dc:title"),
        rating(first(all, "XMP-xmp:Rating", "Exif IFD0:Rating")),
        first(all, "XMP-xmp:Label"),
        caption[0], caption[1],
        takenAt(all),
        coordinate(first(all, "XMP-exif:GPSLatitude"), first(all, "geo:lat"), 90),
        coordinate(first(all, "XMP-exif:GPSLongitude"), first(all, "geo:long"), 180),
        List.copyOf(new LinkedHashSet<>(texts(all, "dc:subject"))),
        List.copyOf(paths),
        List.copyOf(new LinkedHashSet<>(texts(all, "xmpDM:genre"))));
  }

  private static String[] caption(JsonNode all) {
    String[][] places = {{"Caption/Abstract", "iptc"}, {"Exif IFD0:Image Description", "exif"},
        {"dc:description", "media"}, {"xmpDM:logComment", "media"}};
    for (String[] place : places) {
      String value = first(all, place[0]);
      if (value != null) {
        return new String[] {value, place[1]};
      }
    }
    return new String[2];
  }

  private static String takenAt(JsonNode all) {
    for (String name : new String[] {"XMP-photoshop:DateCreated", "XMP-exif:DateTimeOriginal", "exif:DateTimeOriginal",
        "XMP-xmp:CreateDate", "dcterms:created"}) {
      String time = time(first(all, name));
      if (time != null) {
        return time;
      }
    }
    return null;
  }

  /** {@code yyyy-MM-ddTHH:mm:ss} of an EXIF, XMP or ISO date; null for none, a zero date or ISO BMFF's epoch. */
  static String time(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = DATE.matcher(text.trim());
    if (!m.matches() || m.group(1).equals("0000") || text.startsWith("1904-01-01T00:00:00")) {
      return null;
    }
    int month = Integer.parseInt(m.group(2));
    int day = Integer.parseInt(m.group(3));
    if (month < 1 || month > 12 || day < 1 || day > 31) {
      return null;
    }
    return m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "T" + (m.group(4) == null ? "00" : m.group(4)) + ":"
        + (m.group(5) == null ? "00" : m.group(5)) + ":" + (m.group(6) == null ? "00" : m.group(6));
  }

  private static Integer rating(String text) {
    Double d = number(text);
    if (d == null) {
      return null;
    }
    long r = Math.round(d);
    return r >= -1 && r <= 5 ? (int) r : null;
  }

  /** The XMP coordinate when it reads, else the decimal one; null outside ±{@code limit}. */
  static Double coordinate(String xmp, String decimal, double limit) {
    Double degrees = null;
    if (xmp != null) {
      Matcher m = XMP_COORDINATE.matcher(xmp.trim());
      if (m.matches()) {
        double d = Integer.parseInt(m.group(1)) + Double.parseDouble(m.group(2)) / 60
            + (m.group(3) == null ? 0 : Double.parseDouble(m.group(3)) / 3600);
        degrees = "SW".contains(m.group(4)) ? -d : d;
      }
    }
    if (degrees == null) {
      degrees = number(decimal);
    }
    return degrees == null || Math.abs(degrees) > limit ? null : degrees;
  }

  private static Double number(String text) {
    if (text == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(text.trim());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void addPath(List<List<String>> paths, String[] parts) {
    List<String> path = Arrays.stream(parts).map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (!path.isEmpty() && !paths.contains(path)) {
      paths.add(path);
    }
  }

  private static String first(JsonNode all, String... names) {
    for (String name : names) {
      List<String> values = texts(all, name);
      if (!values.isEmpty()) {
        return values.get(0);
      }
    }
    return null;
  }

  /** A field's values: one string, or each string of an array; blanks left out. */
  private static List<String> texts(JsonNode all, String name) {
    JsonNode node = all.get(name);
    List<String> values = new ArrayList<>();
    if (node == null) {
      return values;
    }
    for (JsonNode item : node.isArray() ? node : List.of(node)) {
      if (item.isTextual() && !item.asText().isBlank()) {
        values.add(item.asText().trim());
      }
    }
    return values;
  }
}
