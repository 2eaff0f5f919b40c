package ai.alicemultiverse.beam;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.WritableByteChannel;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * ParquetIO's zstd sink for rows that travel as {@link Deflated} Avro binary: each row is decoded
 * just before it is written. The rows reach the sink through a shuffle (the runner groups them
 * into shards), and a shuffle of byte arrays is far cheaper on the DirectRunner than one of Avro
 * records, which it re-encodes every time it copies a shard's grouped rows.
 */
final class EncodedRowsParquetSink implements FileIO.Sink<byte[]> {
  private final String schemaJson; // Avro Schema is not reliably Serializable across versions
  private transient ParquetIO.Sink parquet;
  private transient GenericDatumReader<GenericRecord> reader;
  private transient BinaryDecoder decoder;
  private transient GenericRecord reuse;

  EncodedRowsParquetSink(Schema schema) {
    this.schemaJson = schema.toString();
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    Schema schema = new Schema.Parser().parse(schemaJson);
    parquet = ParquetIO.sink(schema).withCompressionCodec(CompressionCodecName.ZSTD);
    reader = new GenericDatumReader<>(schema);
    parquet.open(channel);
  }

  @Override
  public void write(byte[] row) throws IOException {
    try (InputStream inflated = Deflated.inflating(row)) {
      decoder = DecoderFactory.get().directBinaryDecoder(inflated, decoder);
      reuse = reader.read(reuse, decoder); // the Parquet writer copies what it keeps
    }
    parquet.write(reuse);
  }

  @Override
  public void flush() throws IOException {
    parquet.flush();
  }
}
