package ai.alicemultiverse.extract;

import ai.alicemultiverse.codec.TrackCodes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.tika.metadata.Metadata;

/** Maps Tika's metadata names to alice's typed columns; every other field goes to the JSON column. */
final class StandardFields {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Names that describe Tika's own temp file or run, not the media. */
  private static final Set<String> NOT_ABOUT_THE_MEDIA =
      Set.of("File Name", "File Size", "File Modified Date", "Content-Type");
  /** ISO BMFF's "no time set" (seconds since 1904-01-01 = 0). */
  private static final String BMFF_EPOCH = "1904-01-01T00:00:00Z";

  private StandardFields() {}

  /**
   * @param detected the MIME type by magic bytes, used when the parser did not refine it
   * @param codes sample-entry codes for ISO BMFF files, or null
   * @param sampleDataBytes the size of the sample data the parser was not shown ({@link
   *     ai.alicemultiverse.codec.ParserView#sampleDataBytes}), or -1
   */
  static StandardMetadata from(String detected, Metadata tika, TrackCodes codes, long sampleDataBytes,
      String note) {
    String mime = first(tika, "Content-Type") != null ? first(tika, "Content-Type") : detected;
    Integer width = integer(first(tika, "tiff:ImageWidth", "width", "Image Width"));
    Integer height = integer(first(tika, "tiff:ImageLength", "height", "Image Height"));
    Integer sampleRate = integer(first(tika, "xmpDM:audioSampleRate", "samplerate"));
    Integer channels = integer(first(tika, "channels", "xmpDM:audioChannels"));
    if (channels == null) {
      String type = first(tika, "xmpDM:audioChannelType");
      channels = "Mono".equals(type) ? Integer.valueOf(1) : "Stereo".equals(type) ? Integer.valueOf(2) : null;
    }
    String videoCodec = first(tika, "xmpDM:videoCompressor");
    String audioCodec = lower(first(tika, "xmpDM:audioCompressor", "encoding"));
    if (codes != null) {
      videoCodec = codes.video();
      audioCodec = codes.audio();
      if (codes.audio() == null) {
        sampleRate = null; // Tika reports the movie time scale there when a file has no sound track
        channels = null;
      }
    }
    Double duration = decimal(first(tika, "xmpDM:duration"));
    Integer bits = integer(first(tika, "bits"));
    if (duration == null && sampleDataBytes >= 0 && sampleRate != null && channels != null && bits != null) {
      duration = sampleDataBytes / (double) ((long) sampleRate * channels * ((bits + 7) / 8));
    }
    String created = first(tika, "exif:DateTimeOriginal", "dcterms:created", "xmp:CreateDate");
    if (BMFF_EPOCH.equals(created)) {
      created = null;
    }
    return new StandardMetadata(mime, width, height, duration, videoCodec, audioCodec, sampleRate, channels,
        camera(first(tika, "tiff:Make"), first(tika, "tiff:Model")),
        first(tika, "tiff:Software", "xmp:CreatorTool"),
        created, json(tika, note), note);
  }

  private static String camera(String make, String model) {
    if (model == null) {
      return make;
    }
    if (make == null || model.toLowerCase(Locale.ROOT).startsWith(make.toLowerCase(Locale.ROOT))) {
      return model;
    }
    return make + " " + model;
  }

  /** Every field, sorted by name: one value as a string, several as an array; the note last. */
  private static String json(Metadata tika, String note) {
    Map<String, Object> all = new TreeMap<>();
    for (String name : tika.names()) {
      if (!NOT_ABOUT_THE_MEDIA.contains(name) && !isLayout(name)) {
        String[] values = tika.getValues(name);
        all.put(name, values.length == 1 ? values[0] : List.of(values));
      }
    }
    if (note != null) {
      all.put("extraction_note", note);
    }
    try {
      return all.isEmpty() ? null : JSON.writeValueAsString(all);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("strings always serialize", e);
    }
  }

  /** Strip and tile tables can hold thousands of numbers and say nothing about the content. */
  private static boolean isLayout(String name) {
    return name.endsWith("Strip Offsets") || name.endsWith("Strip Byte Counts") || name.endsWith("Tile Offsets")
        || name.endsWith("Tile Byte Counts");
  }

  private static String first(Metadata tika, String... names) {
    for (String name : names) {
      String value = tika.get(name);
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return null;
  }

  /** "96", "96 pixels", "22050.0" → the leading number. */
  private static Integer integer(String value) {
    Double d = decimal(value);
    return d == null || d != Math.rint(d) ? null : (int) Math.round(d);
  }

  private static Double decimal(String value) {
    if (value == null) {
      return null;
    }
    String number = value.split(" ")[0];
    try {
      double d = Double.parseDouble(number);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }
}
