package ai.alicemultiverse.beam;

import ai.alicemultiverse.extract.StandardMetadata;
import ai.alicemultiverse.model.AssetRecord;
import ai.alicemultiverse.model.FileError;
import ai.alicemultiverse.model.MediaRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Field-by-field coders for the records that cross Beam steps. Java serialization (Beam's
 * SerializableCoder) writes class descriptors with every element and is slow to read back; these
 * write each field with Beam's own coders, in declaration order, and are deterministic.
 */
public final class RecordCoders {
  private static final Coder<String> STRING = NullableCoder.of(StringUtf8Coder.of());
  private static final Coder<Integer> INT = NullableCoder.of(VarIntCoder.of());
  private static final Coder<Double> DOUBLE = NullableCoder.of(DoubleCoder.of());
  private static final Coder<Long> LONG = VarLongCoder.of();
  private static final Coder<Boolean> BOOLEAN = BooleanCoder.of();

  private RecordCoders() {}

  public static Coder<MediaRecord> mediaRecord() {
    return MediaRecordCoder.INSTANCE;
  }

  public static Coder<AssetRecord> assetRecord() {
    return AssetRecordCoder.INSTANCE;
  }

  public static Coder<FileError> fileError() {
    return FileErrorCoder.INSTANCE;
  }

  /**
   * A coder without state: any two of a class are equal, so one that went through Java
   * serialization (to the workers, into a pipeline's proto) is still equal to the original, as
   * Beam's coder contract asks.
   */
  private abstract static class StatelessCoder<T> extends CustomCoder<T> {
    @Override
    public boolean equals(Object other) {
      return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
      return getClass().hashCode();
    }

    /** Every field is written with a deterministic coder, in declaration order. */
    @Override
    public void verifyDeterministic() {}
  }

  static final class StandardCoder extends StatelessCoder<StandardMetadata> {
    static final Coder<StandardMetadata> NULLABLE = NullableCoder.of(new StandardCoder());

    @Override
    public void encode(StandardMetadata m, OutputStream out) throws IOException {
      STRING.encode(m.mime(), out);
      INT.encode(m.width(), out);
      INT.encode(m.height(), out);
      DOUBLE.encode(m.durationSeconds(), out);
      STRING.encode(m.videoCodec(), out);
      STRING.encode(m.audioCodec(), out);
      INT.encode(m.sampleRate(), out);
      INT.encode(m.channels(), out);
      STRING.encode(m.camera(), out);
      STRING.encode(m.software(), out);
      STRING.encode(m.createdAt(), out);
      STRING.encode(m.json(), out);
      STRING.encode(m.note(), out);
    }

    @Override
    public StandardMetadata decode(InputStream in) throws IOException {
      return new StandardMetadata(STRING.decode(in), INT.decode(in), INT.decode(in), DOUBLE.decode(in),
          STRING.decode(in), STRING.decode(in), INT.decode(in), INT.decode(in), STRING.decode(in),
          STRING.decode(in), STRING.decode(in), STRING.decode(in), STRING.decode(in));
    }
  }

  static final class MediaRecordCoder extends StatelessCoder<MediaRecord> {
    static final MediaRecordCoder INSTANCE = new MediaRecordCoder();

    @Override
    public void encode(MediaRecord r, OutputStream out) throws IOException {
      STRING.encode(r.contentHash(), out);
      STRING.encode(r.path(), out);
      STRING.encode(r.storageType(), out);
      STRING.encode(r.format(), out);
      STRING.encode(r.mediaType(), out);
      STRING.encode(r.mime(), out);
      LONG.encode(r.sizeBytes(), out);
      LONG.encode(r.lastModifiedMillis(), out);
      STRING.encode(r.hashSource(), out);
      STRING.encode(r.metadataJson(), out);
      INT.encode(r.metadataVersion(), out);
      STRING.encode(r.processedAt(), out);
      STRING.encode(r.lastVerified(), out);
      StandardCoder.NULLABLE.encode(r.standard(), out);
      STRING.encode(r.signature(), out);
    }

    @Override
    public MediaRecord decode(InputStream in) throws IOException {
      return new MediaRecord(STRING.decode(in), STRING.decode(in), STRING.decode(in), STRING.decode(in),
          STRING.decode(in), STRING.decode(in), LONG.decode(in), LONG.decode(in), STRING.decode(in),
          STRING.decode(in), INT.decode(in), STRING.decode(in), STRING.decode(in),
          StandardCoder.NULLABLE.decode(in), STRING.decode(in));
    }
  }

  static final class AssetRecordCoder extends StatelessCoder<AssetRecord> {
    static final AssetRecordCoder INSTANCE = new AssetRecordCoder();
    private static final Coder<List<MediaRecord>> LOCATIONS = ListCoder.of(MediaRecordCoder.INSTANCE);

    @Override
    public void encode(AssetRecord a, OutputStream out) throws IOException {
      STRING.encode(a.contentHash(), out);
      STRING.encode(a.format(), out);
      STRING.encode(a.mediaType(), out);
      STRING.encode(a.mime(), out);
      LONG.encode(a.sizeBytes(), out);
      STRING.encode(a.metadataJson(), out);
      INT.encode(a.metadataVersion(), out);
      STRING.encode(a.processedAt(), out);
      BOOLEAN.encode(a.metadataConflict(), out);
      LOCATIONS.encode(a.locations(), out);
      StandardCoder.NULLABLE.encode(a.standard(), out);
    }

    @Override
    public AssetRecord decode(InputStream in) throws IOException {
      return new AssetRecord(STRING.decode(in), STRING.decode(in), STRING.decode(in), STRING.decode(in),
          LONG.decode(in), STRING.decode(in), INT.decode(in), STRING.decode(in), BOOLEAN.decode(in),
          LOCATIONS.decode(in), StandardCoder.NULLABLE.decode(in));
    }
  }

  static final class FileErrorCoder extends StatelessCoder<FileError> {
    static final FileErrorCoder INSTANCE = new FileErrorCoder();

    @Override
    public void encode(FileError e, OutputStream out) throws IOException {
      STRING.encode(e.path(), out);
      STRING.encode(e.stage(), out);
      STRING.encode(e.reason(), out);
      STRING.encode(e.seenAt(), out);
    }

    @Override
    public FileError decode(InputStream in) throws IOException {
      return new FileError(STRING.decode(in), STRING.decode(in), STRING.decode(in), STRING.decode(in));
    }
  }
}
