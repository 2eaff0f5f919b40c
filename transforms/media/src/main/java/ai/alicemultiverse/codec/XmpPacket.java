package ai.alicemultiverse.codec;

/**
 * The XMP as stored in a container. {@code extendedXml} is only set for JPEG Extended XMP (the
 * reassembled extension packet, to be merged into {@code xml}); it is null everywhere else.
 */
public record XmpPacket(String xml, String extendedXml) {
  public static XmpPacket of(String xml) {
    return new XmpPacket(xml, null);
  }
}
