package ai.alicemultiverse.beam;

import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.extract.StandardMetadata;
import ai.alicemultiverse.model.AssetFields;
import ai.alicemultiverse.model.AssetMerge;
import ai.alicemultiverse.model.AssetRecord;
import ai.alicemultiverse.model.FileError;
import ai.alicemultiverse.model.MediaRecord;
import ai.alicemultiverse.text.Terms;
import ai.alicemultiverse.xmp.AliceMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Maps pipeline records to the Parquet rows of {@link ParquetSchemas}. */
public final class ToAvro {
  private ToAvro() {}

  public static GenericRecord asset(AssetRecord asset) {
    GenericRecord row = new GenericData.Record(ParquetSchemas.ASSET);
    row.put("content_hash", asset.contentHash());
    row.put("media_type", asset.mediaType());
    row.put("format", asset.format());
    row.put("writable", MediaFormat.isWritable(asset.format()));
    row.put("mime", asset.mime());
    row.put("size_bytes", asset.sizeBytes());
    row.put("processed_at", asset.processedAt());
    row.put("metadata_version", asset.metadataVersion());
    row.put("metadata_json", asset.metadataJson());
    row.put("metadata_conflict", asset.metadataConflict());
    putStandard(row, asset.standard());
    List<GenericRecord> tags = new ArrayList<>();
    List<String> fields = new ArrayList<>(Arrays.asList(null, null, null, null));
    SortedSet<String[]> tagOrder = new TreeSet<>(TAG_ORDER);
    AliceMetadata m = asset.metadataJson() == null ? null : AliceMetadata.fromJson(asset.metadataJson());
    AssetFields described = AssetFields.of(m, asset.standard());
    row.put("description", described.description());
    row.put("description_source", described.descriptionSource());
    row.put("title", described.title());
    row.put("rating", described.rating());
    row.put("label", described.label());
    row.put("taken_at", described.takenAt());
    row.put("gps_lat", described.latitude());
    row.put("gps_lon", described.longitude());
    fields.set(0, described.description());
    fields.set(3, described.title());
    if (m != null) {
      row.put("generated_prompt", m.generatedPrompt());
      fields.set(1, m.generatedPrompt());
      if (m.generation() != null) {
        row.put("provider", m.generation().provider());
        row.put("model", m.generation().model());
        row.put("prompt", m.generation().prompt());
        fields.set(2, m.generation().prompt());
        row.put("generated_at", m.generation().generatedAt());
      }
    }
    for (String[] pair : described.tags()) {
      GenericRecord tag = new GenericData.Record(ParquetSchemas.TAG);
      tag.put("category", pair[0]);
      tag.put("value", pair[1]);
      tags.add(tag);
      tagOrder.add(pair);
    }
    row.put("tags", tags);
    putTerms(row, fields, tagOrder);
    List<GenericRecord> locations = new ArrayList<>();
    for (MediaRecord seen : asset.locations()) {
      GenericRecord location = new GenericData.Record(ParquetSchemas.LOCATION);
      location.put("path", seen.path());
      location.put("storage_type", seen.storageType());
      location.put("last_verified", seen.lastVerified());
      location.put("metadata_version", seen.metadataVersion());
      location.put("size_bytes", seen.sizeBytes());
      location.put("last_modified_ms", seen.lastModifiedMillis());
      location.put("hash_source", seen.hashSource());
      location.put("has_metadata", seen.metadataJson() != null);
      location.put("format", seen.format());
      location.put("media_type", seen.mediaType());
      location.put("mime", seen.mime());
      location.put("processed_at", seen.processedAt());
      if (seen.metadataJson() != null && !AssetMerge.sameMetadata(seen.metadataJson(), asset.metadataJson())) {
        location.put("metadata_json", seen.metadataJson());
      }
      location.put("has_standard", seen.standard() != null);
      if (seen.standard() != null && !AssetMerge.sameStandard(seen.standard(), asset.standard())) {
        location.put("standard", standard(seen.standard()));
      }
      location.put("signature", seen.signature());
      locations.add(location);
    }
    row.put("locations", locations);
    return row;
  }

  /** Tags in the search index's tag order (category, then value), each once. */
  private static final Comparator<String[]> TAG_ORDER =
      Comparator.<String[], String>comparing(t -> t[0]).thenComparing(t -> t[1]);

  /**
   * The asset's search terms: its description, prompts, title and tag values folded and stemmed here, in
   * the workers, so loading the cache does no text processing (the same {@link Terms} code folds
   * the words of a query).
   */
  private static void putTerms(GenericRecord row, List<String> fields, SortedSet<String[]> tagOrder) {
    for (String[] tag : tagOrder) {
      fields.add(tag[1]);
    }
    List<GenericRecord> terms = new ArrayList<>();
    int count = 0;
    for (Terms.Posting posting : Terms.index(fields)) {
      GenericRecord term = new GenericData.Record(ParquetSchemas.TERM);
      term.put("term", posting.term());
      term.put("tf", posting.tf());
      term.put("positions", posting.positions());
      terms.add(term);
      count += posting.tf();
    }
    row.put("terms", terms);
    row.put("term_count", count);
  }

  public static GenericRecord path(String path) {
    GenericRecord row = new GenericData.Record(ParquetSchemas.PATH);
    row.put("path", path);
    return row;
  }

  public static GenericRecord error(FileError error) {
    GenericRecord row = new GenericData.Record(ParquetSchemas.ERROR);
    row.put("path", error.path());
    row.put("stage", error.stage());
    row.put("reason", error.reason());
    row.put("seen_at", error.seenAt());
    return row;
  }

  private static GenericRecord standard(StandardMetadata s) {
    GenericRecord row = new GenericData.Record(ParquetSchemas.STANDARD);
    row.put("width", s.width());
    row.put("height", s.height());
    row.put("duration_seconds", s.durationSeconds());
    row.put("video_codec", s.videoCodec());
    row.put("audio_codec", s.audioCodec());
    row.put("sample_rate", s.sampleRate());
    row.put("channels", s.channels());
    row.put("camera", s.camera());
    row.put("software", s.software());
    row.put("created_at", s.createdAt());
    row.put("json", s.json());
    return row;
  }

  private static void putStandard(GenericRecord row, StandardMetadata standard) {
    if (standard == null) {
      return;
    }
    row.put("width", standard.width());
    row.put("height", standard.height());
    row.put("duration_seconds", standard.durationSeconds());
    row.put("video_codec", standard.videoCodec());
    row.put("audio_codec", standard.audioCodec());
    row.put("sample_rate", standard.sampleRate());
    row.put("channels", standard.channels());
    row.put("camera", standard.camera());
    row.put("software", standard.software());
    row.put("created_at", standard.createdAt());
    row.put("standard_json", standard.json());
  }
}
