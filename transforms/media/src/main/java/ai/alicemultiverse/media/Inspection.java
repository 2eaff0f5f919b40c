package ai.alicemultiverse.media;

import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.xmp.AliceMetadata;

/**
 * What one file says about itself.
 *
 * @param mime the file's MIME type ({@link ai.alicemultiverse.codec.ContainerCodec#mime})
 * @param xmp the embedded packet, or null
 * @param metadata the packet read as alice metadata, or null when the file has no XMP
 * @param standardXmp the packet's standard properties other tools write ({@link
 *     ai.alicemultiverse.xmp.StandardXmp}), empty when none
 * @param contentHash the identity of the media (embedded, or computed)
 * @param embeddedHash {@code alice:content_hash} as found in the file, or null
 * @param hashMismatch true when the hash was computed and differs from the embedded one
 */
public record Inspection(
    MediaFormat format,
    String mime,
    long sizeBytes,
    XmpPacket xmp,
    AliceMetadata metadata,
    java.util.SortedMap<String, java.util.List<String>> standardXmp,
    String contentHash,
    String embeddedHash,
    HashSource hashSource,
    boolean hashMismatch) {}
