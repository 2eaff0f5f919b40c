package ai.alicemultiverse.testing;

import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.hash.ContentHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

/** A codec driven with whole files as byte arrays: what round-trip tests do over and over. */
public final class InMemoryCodec {
  private final ContainerCodec codec;

  public InMemoryCodec(ContainerCodec codec) {
    this.codec = codec;
  }

  /** The file written again with {@code packet}. */
  public byte[] write(byte[] file, String packet) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.writeXmp(new BytesMediaSource(file), packet, out);
    return out.toByteArray();
  }

  public Optional<XmpPacket> read(byte[] file) throws IOException {
    return codec.readXmp(new BytesMediaSource(file));
  }

  /** The content hash of the file's payload ranges. */
  public String hash(byte[] file) throws IOException {
    BytesMediaSource source = new BytesMediaSource(file);
    return ContentHash.of(source, codec.payload(source));
  }
}
