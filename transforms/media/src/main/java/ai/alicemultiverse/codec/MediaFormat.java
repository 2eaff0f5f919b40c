package ai.alicemultiverse.codec;

/** The containers alice knows, with their media kind and MIME type. */
public enum MediaFormat {
  JPEG("image", "image/jpeg"),
  PNG("image", "image/png"),
  WEBP("image", "image/webp"),
  TIFF("image", "image/tiff"),
  MP4("video", "video/mp4"),
  MOV("video", "video/quicktime"),
  M4A("audio", "audio/mp4"),
  MP3("audio", "audio/mpeg"),
  WAV("audio", "audio/wav");

  private final String mediaType;
  private final String mime;

  MediaFormat(String mediaType, String mime) {
    this.mediaType = mediaType;
    this.mime = mime;
  }

  /** image, video or audio. */
  public String mediaType() {
    return mediaType;
  }

  public String mime() {
    return mime;
  }
}
