package ai.alicemultiverse.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/**
 * What a published run holds, written as {@code manifest.json} next to {@code _SUCCESS}: a reader
 * (or the next job in a scheduler's chain) can check the files and row counts without opening them.
 *
 * @param source {@code cache} or {@code files}
 * @param inputs the cache file, or the roots scanned
 * @param partitionBy hive partition columns, in folder order (empty when unpartitioned)
 */
public record ExportManifest(
    @JsonProperty("format_version") int formatVersion,
    @JsonProperty("run_id") String runId,
    @JsonProperty("started_at") String startedAt,
    @JsonProperty("finished_at") String finishedAt,
    @JsonProperty("source") String source,
    @JsonProperty("inputs") List<String> inputs,
    @JsonProperty("query") String query,
    @JsonProperty("partition_by") List<String> partitionBy,
    @JsonProperty("compression") String compression,
    @JsonProperty("row_group_size") int rowGroupSize,
    @JsonProperty("rows") long rows,
    @JsonProperty("bytes") long bytes,
    @JsonProperty("files") List<ExportFile> files) {

  public static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("manifest cannot be written as JSON", e);
    }
  }

  public static ExportManifest fromJson(String json) {
    try {
      return JSON.readValue(json, ExportManifest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an export manifest: " + e.getOriginalMessage(), e);
    }
  }
}
