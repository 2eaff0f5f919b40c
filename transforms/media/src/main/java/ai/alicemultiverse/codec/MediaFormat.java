package ai.alicemultiverse.codec;

/**
 * The containers alice knows, with their media kind, MIME type and whether alice writes their XMP.
 * The read-only ones are indexed (content hash, standard fields) but never written: {@code tag} and
 * ingest refuse them with {@link #readOnlyReason()}.
 */
public enum MediaFormat {
  JPEG("image", "image/jpeg", "JPEG", true),
  PNG("image", "image/png", "PNG", true),
  WEBP("image", "image/webp", "WebP", true),
  TIFF("image", "image/tiff", "TIFF", true),
  MP4("video", "video/mp4", "MP4", true),
  MOV("video", "video/quicktime", "MOV", true),
  M4A("audio", "audio/mp4", "M4A", true),
  MP3("audio", "audio/mpeg", "MP3", true),
  WAV("audio", "audio/wav", "WAV", true),
  HEIC("image", "image/heic", "HEIC", false),
  AVIF("image", "image/avif", "AVIF", false),
  AVI("video", "video/x-msvideo", "AVI", false),
  GIF("image", "image/gif", "GIF", false),
  BMP("image", "image/bmp", "BMP", false),
  DNG("image", "image/x-adobe-dng", "DNG", false),
  CAMERA_RAW("image", "image/x-dcraw", "Camera RAW", false),
  FLAC("audio", "audio/x-flac", "FLAC", false),
  OGG("audio", "audio/ogg", "Ogg", false),
  MKV("video", "video/x-matroska", "Matroska", false),
  WEBM("video", "video/webm", "WebM", false);

  private final String mediaType;
  private final String mime;
  private final String label;
  private final boolean writable;

  MediaFormat(String mediaType, String mime, String label, boolean writable) {
    this.mediaType = mediaType;
    this.mime = mime;
    this.label = label;
    this.writable = writable;
  }

  /** image, video or audio. */
  public String mediaType() {
    return mediaType;
  }

  public String mime() {
    return mime;
  }

  /** The format's name as users know it ("HEIC", "WebP"). */
  public String label() {
    return label;
  }

  /** Whether alice writes XMP into files of this format; the others are indexed read-only. */
  public boolean writable() {
    return writable;
  }

  /**
   * Whether files of the format named {@code name} (the lower-case name the index stores, "heic") are
   * written by alice; an unknown name is not.
   */
  public static boolean isWritable(String name) {
    for (MediaFormat format : values()) {
      if (format.name().equalsIgnoreCase(name)) {
        return format.writable;
      }
    }
    return false;
  }

  /** Why a file of this read-only format is not written, for the refusal message. */
  public String readOnlyReason() {
    return label + " is read-only in alice: it is indexed (content hash, standard fields) but its metadata"
        + " is not written; keep tags for it in a format alice writes or edit it with another tool";
  }
}
