package ai.alicemultiverse.beam;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MetadataCoderV2;

/**
 * Beam's {@link MetadataCoderV2} (which keeps the modification time) plus the checksum, which it drops:
 * a file's change signature ({@link FileSignature}) must survive the listing's shuffles.
 */
public final class SignedMetadataCoder extends AtomicCoder<MatchResult.Metadata> {
  private static final SignedMetadataCoder INSTANCE = new SignedMetadataCoder();
  private static final Coder<String> CHECKSUM = NullableCoder.of(StringUtf8Coder.of());

  private SignedMetadataCoder() {}

  public static SignedMetadataCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(MatchResult.Metadata value, OutputStream out) throws IOException {
    MetadataCoderV2.of().encode(value, out);
    CHECKSUM.encode(value.checksum(), out);
  }

  @Override
  public MatchResult.Metadata decode(InputStream in) throws IOException {
    MatchResult.Metadata file = MetadataCoderV2.of().decode(in);
    String checksum = CHECKSUM.decode(in);
    return checksum == null ? file : FileSignature.withChecksum(file, checksum);
  }
}
