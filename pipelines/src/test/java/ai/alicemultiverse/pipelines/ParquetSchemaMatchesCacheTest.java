package ai.alicemultiverse.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.beam.ParquetSchemas;
import ai.alicemultiverse.cache.CacheLoader;
import ai.alicemultiverse.cache.RunInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's Parquet hand-off ({@link ParquetSchemas}) and the cache's tables (CacheSchema, as
 * CacheLoader creates them) name the same columns: a field added on one side only would be lost or
 * left empty by every rebuild. The few differences are deliberate and listed here.
 */
class ParquetSchemaMatchesCacheTest {
  /** Parquet names the cache stores under another name. */
  static final Map<String, String> RENAMED =
      Map.of("metadata_json", "metadata", "standard_json", "standard", "last_modified_ms", "last_modified");
  /** Asset fields loaded into tables of their own: tags, and the search index's terms. */
  static final Set<String> ELSEWHERE = Set.of("tags", "terms", "term_count");
  /** Asset columns the load derives rather than reads. */
  static final Set<String> DERIVED = Set.of("location_count");
  /**
   * Location fields only the in-place merge and the incremental runs read (the locations table keeps them,
   * the assets' lists do not).
   */
  static final Set<String> MERGE_ONLY =
      Set.of("format", "media_type", "mime", "processed_at", "metadata", "has_standard", "standard", "signature");

  @TempDir static Path work;
  static Path cache;

  @BeforeAll
  static void emptyCache() throws Exception {
    cache = work.resolve("alice.duckdb");
    Instant now = Instant.now();
    CacheLoader.rebuild(cache, List.of(), List.of(), new RunInfo("schema", now, now, List.of(), "test", 0, 0, 0, 0));
  }

  @Test
  void assetFieldsAreTheAssetsColumns() throws Exception {
    Set<String> parquet = cacheNames(ParquetSchemas.ASSET);
    parquet.removeAll(ELSEWHERE);
    Set<String> table = columns("assets");
    table.removeAll(DERIVED);
    assertThat(table).containsExactlyInAnyOrderElementsOf(parquet);
  }

  @Test
  void locationFieldsAreTheLocationsColumnsAndTheListedStruct() throws Exception {
    Set<String> parquet = cacheNames(ParquetSchemas.LOCATION);
    Set<String> table = columns("locations");
    // the flattened table adds what a row needs on its own: its asset, and whether the file is still there
    table.removeAll(Set.of("content_hash", "state"));
    assertThat(table).containsExactlyInAnyOrderElementsOf(parquet);

    String struct = CacheRows.single(cache,
        "SELECT data_type FROM duckdb_columns() WHERE table_name = 'assets' AND column_name = 'locations'");
    List<String> structFields = new ArrayList<>();
    for (String field : struct.replaceFirst("^STRUCT\\((.*)\\)\\[\\]$", "$1").split(", ")) {
      structFields.add(field.substring(0, field.indexOf(' ')).replace("\"", ""));
    }
    // the asset's own list leaves out what only the merge rule reads of each copy
    parquet.removeAll(MERGE_ONLY);
    assertThat(structFields).containsExactlyInAnyOrderElementsOf(parquet);
  }

  @Test
  void tagAndErrorFieldsAreTheirTablesColumns() throws Exception {
    Set<String> tags = columns("tags");
    tags.remove("content_hash");
    assertThat(tags).containsExactlyInAnyOrderElementsOf(cacheNames(ParquetSchemas.TAG));
    assertThat(columns("errors")).containsExactlyInAnyOrderElementsOf(cacheNames(ParquetSchemas.ERROR));
  }

  private static Set<String> cacheNames(Schema schema) {
    Set<String> names = new LinkedHashSet<>();
    schema.getFields().forEach(f -> names.add(RENAMED.getOrDefault(f.name(), f.name())));
    return names;
  }

  private static Set<String> columns(String table) throws Exception {
    Set<String> names = new LinkedHashSet<>();
    CacheRows.query(cache, "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = '"
        + table + "' ORDER BY column_index").forEach(row -> names.add(row.get(0)));
    assertThat(names).as(table).isNotEmpty();
    return names;
  }
}
