package ai.alicemultiverse.extract;

import ai.alicemultiverse.io.Reasons;
import java.io.Serializable;

/**
 * What the container itself says about a file, beside alice's own XMP: the MIME type found by
 * magic bytes, pixel size, duration, codecs and the EXIF/IPTC/ID3 essentials. Every field but
 * {@code mime} may be null (not in the file, or not readable).
 *
 * @param durationSeconds playing time of audio and video
 * @param camera EXIF make and model, joined by a space
 * @param software the tool that wrote the file (EXIF Software, XMP CreatorTool, ID3 encoder)
 * @param createdAt when the content was made, ISO-8601 as the file gives it
 * @param json every other field Tika reported, as a JSON object of strings (or string arrays), with the standard
 *     XMP properties alice read itself ({@code XMP-dc:title}...; {@link Described} reads them all)
 * @param note why standard metadata is missing or partial, or null when all went well
 */
public record StandardMetadata(
    String mime,
    Integer width,
    Integer height,
    Double durationSeconds,
    String videoCodec,
    String audioCodec,
    Integer sampleRate,
    Integer channels,
    String camera,
    String software,
    String createdAt,
    String json,
    String note)
    implements Serializable {

  /**
   * The note often quotes the file (a box type, a parser's message about its bytes): it is kept printable
   * ({@link Reasons#printable}) here, the one place every note passes, so it cannot split a line of output.
   */
  public StandardMetadata {
    note = Reasons.printable(note);
  }

  /** The same facts with the pixel size replaced. */
  public StandardMetadata withSize(Integer newWidth, Integer newHeight) {
    return new StandardMetadata(mime, newWidth, newHeight, durationSeconds, videoCodec, audioCodec, sampleRate,
        channels, camera, software, createdAt, json, note);
  }

  /** Nothing but the MIME type, and why. */
  public static StandardMetadata unreadable(String mime, String note) {
    return new StandardMetadata(mime, null, null, null, null, null, null, null, null, null, null, null, note);
  }
}
