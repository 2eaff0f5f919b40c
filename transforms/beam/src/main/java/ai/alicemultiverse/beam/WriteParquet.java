package ai.alicemultiverse.beam;

import ai.alicemultiverse.model.AssetRecord;
import ai.alicemultiverse.model.FileError;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes records as zstd Parquet shards in parallel ({@code <prefix>-SSSSS-of-NNNNN.parquet} under
 * {@code directory}, which may be local, {@code s3://} or {@code gs://}).
 */
public class WriteParquet<T> extends PTransform<PCollection<T>, WriteFilesResult<Void>> {
  private final String directory;
  private final String prefix;
  private final String schemaJson; // Avro Schema is not reliably Serializable across versions
  private final SerializableFunction<T, GenericRecord> toRow;
  /**
   * Whether the records reach the writer in a few bundles on the DirectRunner ({@link FewBundles}). Error
   * rows come straight from the extraction, one bundle per file there, and every step of the Parquet
   * write costs the DirectRunner more per bundle than reading a broken file did. Asset records come out
   * of the merge's buckets already.
   */
  private final boolean inFewBundles;

  private WriteParquet(String directory, String prefix, Schema schema, SerializableFunction<T, GenericRecord> toRow,
      boolean inFewBundles) {
    this.inFewBundles = inFewBundles;
    this.directory = directory;
    this.prefix = prefix;
    this.schemaJson = schema.toString();
    this.toRow = toRow;
  }

  public static WriteParquet<AssetRecord> assets(String directory) {
    return new WriteParquet<>(directory, "assets", ParquetSchemas.ASSET, ToAvro::asset, false);
  }

  public static WriteParquet<FileError> errors(String directory) {
    return new WriteParquet<>(directory, "errors", ParquetSchemas.ERROR, ToAvro::error, true);
  }

  /** Paths, one row each: in few bundles, as they come from a join's buckets one or two at a time. */
  public static WriteParquet<String> paths(String directory) {
    return new WriteParquet<>(directory, "paths", ParquetSchemas.PATH, ToAvro::path, true);
  }

  /**
   * Each record as one {@link Deflated} Avro binary row, what {@link EncodedRowsParquetSink}
   * decodes: the rows wait in the runner's shuffle into shards.
   */
  private static final class EncodeRowFn<T> extends DoFn<T, byte[]> {
    private final String schemaJson;
    private final SerializableFunction<T, GenericRecord> toRow;
    private transient GenericDatumWriter<GenericRecord> writer;
    private transient BinaryEncoder encoder;

    EncodeRowFn(String schemaJson, SerializableFunction<T, GenericRecord> toRow) {
      this.schemaJson = schemaJson;
      this.toRow = toRow;
    }

    @Setup
    public void setup() {
      writer = new GenericDatumWriter<>(new Schema.Parser().parse(schemaJson));
    }

    @ProcessElement
    public void processElement(@Element T record, OutputReceiver<byte[]> out) throws IOException {
      out.output(Deflated.bytes(deflating -> {
        encoder = EncoderFactory.get().binaryEncoder(deflating, encoder);
        writer.write(toRow.apply(record), encoder);
        encoder.flush();
      }));
    }
  }

  @Override
  public WriteFilesResult<Void> expand(PCollection<T> input) {
    Schema schema = new Schema.Parser().parse(schemaJson);
    return (inFewBundles ? input.apply("FewBundles", new FewBundles<>()) : input)
        .apply("ToRows", ParDo.of(new EncodeRowFn<>(schemaJson, toRow)))
        .setCoder(ByteArrayCoder.of())
        .apply("WriteShards", FileIO.<byte[]>write()
            .via(new EncodedRowsParquetSink(schema))
            .to(directory)
            .withPrefix(prefix)
            .withSuffix(".parquet"));
  }
}
