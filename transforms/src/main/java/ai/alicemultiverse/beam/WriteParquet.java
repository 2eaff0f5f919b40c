package ai.alicemultiverse.beam;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes records as zstd Parquet shards in parallel ({@code <prefix>-SSSSS-of-NNNNN.parquet} under
 * {@code directory}, which may be local, {@code s3://} or {@code gs://}).
 */
public class WriteParquet<T> extends PTransform<PCollection<T>, WriteFilesResult<Void>> {
  private final String directory;
  private final String prefix;
  private final String schemaJson; // Avro Schema is not reliably Serializable across versions
  private final SerializableFunction<T, GenericRecord> toRow;

  private WriteParquet(String directory, String prefix, Schema schema, SerializableFunction<T, GenericRecord> toRow) {
    this.directory = directory;
    this.prefix = prefix;
    this.schemaJson = schema.toString();
    this.toRow = toRow;
  }

  public static WriteParquet<AssetRecord> assets(String directory) {
    return new WriteParquet<>(directory, "assets", ParquetSchemas.ASSET, ToAvro::asset);
  }

  public static WriteParquet<FileError> errors(String directory) {
    return new WriteParquet<>(directory, "errors", ParquetSchemas.ERROR, ToAvro::error);
  }

  @Override
  public WriteFilesResult<Void> expand(PCollection<T> input) {
    Schema schema = new Schema.Parser().parse(schemaJson);
    return input
        .apply("ToRows", MapElements.into(TypeDescriptor.of(GenericRecord.class)).via(toRow))
        .setCoder(AvroCoder.of(schema))
        .apply("WriteShards", FileIO.<GenericRecord>write()
            .via(ParquetIO.sink(schema).withCompressionCodec(CompressionCodecName.ZSTD))
            .to(directory)
            .withPrefix(prefix)
            .withSuffix(".parquet"));
  }
}
