package ai.alicemultiverse.beam;

import ai.alicemultiverse.model.FileError;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * The Parquet layout of the pipeline's hand-off to DuckDB (and of analytics exports). Column names
 * are the cache's column names.
 */
public final class ParquetSchemas {
  private ParquetSchemas() {}

  /** One copy's standard values (see {@code StandardMetadata}; the MIME type and the note are not kept). */
  public static final Schema STANDARD = SchemaBuilder.record("Standard").namespace("ai.alicemultiverse")
      .fields()
      .optionalInt("width")
      .optionalInt("height")
      .optionalDouble("duration_seconds")
      .optionalString("video_codec")
      .optionalString("audio_codec")
      .optionalInt("sample_rate")
      .optionalInt("channels")
      .optionalString("camera")
      .optionalString("software")
      .optionalString("created_at")
      .optionalString("json")
      .endRecord();

  /**
   * One copy of an asset, with what the merge rule ({@code AssetMerge}) reads of it, so that an
   * in-place update can merge an asset again from its copies alone. The copy's metadata and standard
   * values are given only when they differ from the asset's (a copy that agrees costs nothing).
   */
  public static final Schema LOCATION = SchemaBuilder.record("Location").namespace("ai.alicemultiverse")
      .fields()
      .requiredString("path")
      .requiredString("storage_type")
      .requiredString("last_verified")
      .optionalInt("metadata_version")
      .requiredLong("size_bytes")
      .requiredLong("last_modified_ms")
      .requiredString("hash_source")
      .requiredBoolean("has_metadata")
      .requiredString("format")
      .requiredString("media_type")
      .requiredString("mime")
      .optionalString("processed_at")
      .optionalString("metadata_json")
      .requiredBoolean("has_standard")
      .name("standard").type().optional().type(STANDARD)
      // the listing's change signature (FileSignature): an incremental run reuses the copy while it is the same
      .optionalString("signature")
      .endRecord();

  public static final Schema TAG = SchemaBuilder.record("Tag").namespace("ai.alicemultiverse")
      .fields()
      .requiredString("category")
      .requiredString("value")
      .endRecord();

  /** One search term of one asset (see {@code Terms.index}): computed by the workers, loaded as is. */
  public static final Schema TERM = SchemaBuilder.record("Term").namespace("ai.alicemultiverse")
      .fields()
      .requiredString("term")
      .requiredInt("tf")
      .name("positions").type().array().items().intType().noDefault()
      .endRecord();

  public static final Schema ASSET = SchemaBuilder.record("Asset").namespace("ai.alicemultiverse")
      .fields()
      .requiredString("content_hash")
      .requiredString("media_type")
      .requiredString("format")
      .requiredBoolean("writable")
      .requiredString("mime")
      .requiredLong("size_bytes")
      .optionalString("description")
      .optionalString("generated_prompt")
      .optionalString("provider")
      .optionalString("model")
      .optionalString("prompt")
      .optionalString("generated_at")
      .optionalString("processed_at")
      .optionalInt("metadata_version")
      .optionalString("metadata_json")
      .requiredBoolean("metadata_conflict")
      // standard metadata (Tika and the container headers); the rest of it as JSON
      .optionalInt("width")
      .optionalInt("height")
      .optionalDouble("duration_seconds")
      .optionalString("video_codec")
      .optionalString("audio_codec")
      .optionalInt("sample_rate")
      .optionalInt("channels")
      .optionalString("camera")
      .optionalString("software")
      .optionalString("created_at")
      .optionalString("standard_json")
      // what other tools wrote, by the Metadata Working Group's precedence (AssetFields)
      .optionalString("description_source")
      .optionalString("title")
      .optionalInt("rating")
      .optionalString("label")
      .optionalString("taken_at")
      .optionalDouble("gps_lat")
      .optionalDouble("gps_lon")
      .name("locations").type().array().items(LOCATION).noDefault()
      .name("tags").type().array().items(TAG).noDefault()
      // the search index's input, so a rebuild does no text processing while loading
      .name("terms").type().array().items(TERM).noDefault()
      .requiredInt("term_count")
      .endRecord();

  public static final Schema ERROR = SchemaBuilder.record("FileError").namespace("ai.alicemultiverse")
      .fields()
      .requiredString("path")
      .requiredString("stage")
      .requiredString("reason")
      .requiredString("seen_at")
      .endRecord();

  /** A location's path alone: an incremental rebuild's locations that no file was listed at. */
  public static final Schema PATH = SchemaBuilder.record("Path").namespace("ai.alicemultiverse")
      .fields()
      .requiredString("path")
      .endRecord();
}
