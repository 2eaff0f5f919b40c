package ai.alicemultiverse.media;

import ai.alicemultiverse.codec.Codecs;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.hash.ContentHash;
import ai.alicemultiverse.xmp.AliceMetadata;
import ai.alicemultiverse.xmp.AliceXmp;
import java.io.IOException;

/**
 * Reads a file's embedded metadata and identity. The fast path trusts an embedded
 * {@code alice:content_hash} and reads only metadata regions; {@code verify} always hashes the media.
 */
public final class MediaInspector {
  private MediaInspector() {}

  public static Inspection inspect(MediaSource source, boolean verify) throws IOException {
    ContainerCodec codec = Codecs.forSource(source);
    MediaFormat format = codec.format(source);
    XmpPacket xmp = codec.readXmp(source).orElse(null);
    AliceXmp.Read read = xmp == null ? null : AliceXmp.readWithStandard(xmp);
    AliceMetadata metadata = read == null ? null : read.metadata();
    String embedded = metadata == null ? null : metadata.contentHash();
    boolean trustEmbedded = !verify && ContentHash.isValid(embedded);
    String hash = trustEmbedded ? embedded : ContentHash.of(source, codec.payload(source));
    boolean mismatch = !trustEmbedded && embedded != null && !embedded.equals(hash);
    return new Inspection(
        format,
        codec.mime(source),
        source.size(),
        xmp,
        metadata,
        read == null ? java.util.Collections.emptySortedMap() : read.standard(),
        hash,
        embedded,
        trustEmbedded ? HashSource.EMBEDDED : codec.hashesWholeFile() ? HashSource.WHOLE_FILE : HashSource.COMPUTED,
        mismatch);
  }
}
