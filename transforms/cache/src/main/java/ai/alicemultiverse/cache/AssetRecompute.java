package ai.alicemultiverse.cache;

import ai.alicemultiverse.extract.StandardMetadata;
import ai.alicemultiverse.model.AssetFields;
import ai.alicemultiverse.model.AssetMerge;
import ai.alicemultiverse.model.AssetRecord;
import ai.alicemultiverse.model.MediaRecord;
import ai.alicemultiverse.xmp.AliceMetadata;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-place writers' half of the one merge rule: after ingest, scan or a watch's batch has put
 * its copies into {@code locations}, each affected asset is merged again from all its present copies
 * by {@link AssetMerge}, exactly as a rebuild would merge them, and its row, tags and copies'
 * kept differences are written anew (its typed columns and tags by {@link AssetFields}, as the rebuild's
 * hand-off writes them). An asset left with no present copy is dropped, unless its
 * copies are marked missing (a scan's vanished files): it stays as it was, listing no location.
 *
 * <p>Each {@code locations} row keeps what the rule reads of its copy; its metadata and standard
 * values only when they differ from the asset's (null there means "the asset's"), so they are read
 * against the asset row as it was and written back against the asset row as it is now.
 */
final class AssetRecompute {
  private AssetRecompute() {}

  private static final String[] STANDARD_FIELDS = {"width", "height", "duration_seconds", "video_codec",
      "audio_codec", "sample_rate", "channels", "camera", "software", "created_at", "json"};

  /**
   * Merges again every asset whose content hash is in {@code affected} (a table with a {@code
   * content_hash} column). The search tables are the caller's to update.
   */
  static void recompute(Connection db, Statement sql, String affected) throws SQLException {
    Map<String, List<MediaRecord>> copies = presentCopies(sql, affected);
    List<AssetRecord> assets = new ArrayList<>();
    copies.forEach((hash, sightings) -> assets.add(AssetMerge.merge(hash, sightings)));
    String inAffected = "content_hash IN (SELECT content_hash FROM " + affected + ")";
    // An asset whose copies are all marked missing (a scan's vanished files) stays, listing none.
    String allMissing = inAffected + " AND content_hash IN (SELECT content_hash FROM locations WHERE state = 'missing')"
        + " AND content_hash NOT IN (SELECT content_hash FROM locations WHERE state = 'present')";
    sql.execute("CREATE TEMP TABLE merged_missing AS SELECT content_hash FROM assets WHERE " + allMissing);
    String replaced = inAffected + " AND content_hash NOT IN (SELECT content_hash FROM merged_missing)";
    sql.execute("DELETE FROM tags WHERE " + replaced);
    sql.execute("DELETE FROM assets WHERE " + replaced);
    sql.execute("UPDATE assets SET locations = [], location_count = 0"
        + " WHERE content_hash IN (SELECT content_hash FROM merged_missing)");
    sql.execute("DROP TABLE temp.main.merged_missing");
    writeAssets(db, sql, assets);
    writeCopies(db, sql, assets);
  }

  /** The standard columns of the {@code assets} row {@code a} as one copy's {@link CacheSchema#STANDARD_STRUCT}. */
  static String assetStandard(String a) {
    StringBuilder struct = new StringBuilder("{");
    for (String field : STANDARD_FIELDS) {
      struct.append(struct.length() > 1 ? ", " : "").append("'").append(field).append("': ").append(a).append(".")
          .append(field.equals("json") ? "standard" : field);
    }
    return struct.append("}::").append(CacheSchema.STANDARD_STRUCT).toString();
  }

  /** The present copies of the affected hashes, each with its own metadata and standard values. */
  private static Map<String, List<MediaRecord>> presentCopies(Statement sql, String affected) throws SQLException {
    String assetStandard = assetStandard("a");
    StringBuilder standardColumns = new StringBuilder();
    for (String field : STANDARD_FIELDS) {
      standardColumns.append(", s.").append(field).append(field.equals("created_at") || field.equals("json")
          ? "::VARCHAR" : "");
    }
    Map<String, List<MediaRecord>> copies = new TreeMap<>();
    try (ResultSet rows = sql.executeQuery("SELECT content_hash, path, storage_type, format, media_type, mime,"
        + " size_bytes, last_modified_ms, hash_source, metadata, metadata_version, processed_at, last_verified,"
        + " s IS NOT NULL" + standardColumns
        + " FROM (SELECT l.content_hash, l.path, l.storage_type, l.format, l.media_type, l.mime, l.size_bytes,"
        + "   epoch_ms(l.last_modified) AS last_modified_ms, l.hash_source,"
        + "   CASE WHEN l.has_metadata THEN coalesce(l.metadata, a.metadata)::VARCHAR END AS metadata,"
        + "   l.metadata_version, l.processed_at, l.last_verified::VARCHAR AS last_verified,"
        + "   CASE WHEN l.has_standard THEN coalesce(l.standard, " + assetStandard + ") END AS s"
        + "   FROM locations l LEFT JOIN assets a USING (content_hash)"
        + "   WHERE l.state = 'present' AND l.content_hash IN (SELECT content_hash FROM " + affected + "))"
        + " ORDER BY content_hash, path")) {
      while (rows.next()) {
        StandardMetadata standard = rows.getBoolean(14) ? new StandardMetadata(null, integer(rows, 15),
            integer(rows, 16), (Double) rows.getObject(17), rows.getString(18), rows.getString(19), integer(rows, 20),
            integer(rows, 21), rows.getString(22), rows.getString(23), rows.getString(24), rows.getString(25), null)
            : null;
        MediaRecord copy = new MediaRecord(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
            rows.getString(5), rows.getString(6), rows.getLong(7), rows.getLong(8), rows.getString(9),
            rows.getString(10), integer(rows, 11), rows.getString(12), rows.getString(13), standard);
        copies.computeIfAbsent(copy.contentHash(), h -> new ArrayList<>()).add(copy);
      }
    }
    return copies;
  }

  private static Integer integer(ResultSet rows, int column) throws SQLException {
    int value = rows.getInt(column);
    return rows.wasNull() ? null : value;
  }

  /** The merged rows with their tags and location lists, as the rebuild loads them. */
  private static void writeAssets(Connection db, Statement sql, List<AssetRecord> assets) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    List<Object[]> tags = new ArrayList<>();
    for (AssetRecord a : assets) {
      AliceMetadata m = a.metadataJson() == null ? null : AliceMetadata.fromJson(a.metadataJson());
      var g = m == null ? null : m.generation();
      StandardMetadata s = a.standard();
      AssetFields f = AssetFields.of(m, s);
      rows.add(new Object[] {a.contentHash(), a.mediaType(), a.format(), a.mime(), a.sizeBytes(), f.description(),
          m == null ? null : m.generatedPrompt(), g == null ? null : g.provider(), g == null ? null : g.model(),
          g == null ? null : g.prompt(), g == null ? null : g.generatedAt(), a.processedAt(), a.metadataVersion(),
          a.metadataJson(), a.metadataConflict(),
          s == null ? null : s.width(), s == null ? null : s.height(), s == null ? null : s.durationSeconds(),
          s == null ? null : s.videoCodec(), s == null ? null : s.audioCodec(), s == null ? null : s.sampleRate(),
          s == null ? null : s.channels(), s == null ? null : s.camera(), s == null ? null : s.software(),
          s == null ? null : s.createdAt(), s == null ? null : s.json(), f.descriptionSource(), f.title(), f.rating(),
          f.label(), f.takenAt(), f.latitude(), f.longitude()});
      f.tags().forEach(t -> tags.add(new Object[] {a.contentHash(), t[0], t[1]}));
    }
    temp(db, "CREATE TEMP TABLE merged_assets (content_hash VARCHAR, media_type VARCHAR, format VARCHAR, mime VARCHAR,"
        + " size_bytes BIGINT, description VARCHAR, generated_prompt VARCHAR, provider VARCHAR, model VARCHAR,"
        + " prompt VARCHAR, generated_at VARCHAR, processed_at VARCHAR, metadata_version INTEGER, metadata VARCHAR,"
        + " metadata_conflict BOOLEAN, width INTEGER, height INTEGER, duration_seconds DOUBLE, video_codec VARCHAR,"
        + " audio_codec VARCHAR, sample_rate INTEGER, channels INTEGER, camera VARCHAR, software VARCHAR,"
        + " created_at VARCHAR, standard VARCHAR, description_source VARCHAR, title VARCHAR, rating INTEGER,"
        + " label VARCHAR, taken_at VARCHAR, gps_lat DOUBLE, gps_lon DOUBLE)", rows);
    sql.execute("INSERT INTO assets (content_hash, media_type, format, mime, size_bytes, description,"
        + " generated_prompt, provider, model, prompt, generated_at, processed_at, metadata_version, metadata,"
        + " metadata_conflict, location_count, locations, width, height, duration_seconds, video_codec, audio_codec,"
        + " sample_rate, channels, camera, software, created_at, standard, description_source, title, rating, label,"
        + " taken_at, gps_lat, gps_lon)"
        + " SELECT m.content_hash, m.media_type, m.format, m.mime, m.size_bytes, m.description, m.generated_prompt,"
        + " m.provider, m.model, m.prompt, TRY_CAST(m.generated_at AS TIMESTAMPTZ),"
        + " TRY_CAST(m.processed_at AS TIMESTAMPTZ), m.metadata_version, m.metadata::JSON, m.metadata_conflict,"
        + " l.n, l.locations, m.width, m.height, m.duration_seconds, m.video_codec, m.audio_codec, m.sample_rate,"
        + " m.channels, m.camera, m.software, TRY_CAST(m.created_at AS TIMESTAMP), m.standard::JSON,"
        + " m.description_source, m.title, m.rating, m.label, TRY_CAST(m.taken_at AS TIMESTAMP), m.gps_lat, m.gps_lon"
        + " FROM merged_assets m JOIN (SELECT content_hash, list({'path': path, 'storage_type': storage_type,"
        + "   'last_verified': last_verified, 'metadata_version': metadata_version, 'size_bytes': size_bytes,"
        + "   'last_modified': last_modified, 'hash_source': hash_source, 'has_metadata': has_metadata} ORDER BY path)"
        + "   AS locations, count(*)::INTEGER AS n FROM locations WHERE state = 'present'"
        + "   AND content_hash IN (SELECT content_hash FROM merged_assets) GROUP BY content_hash) l USING (content_hash)");
    sql.execute("UPDATE assets SET writable = " + CacheSchema.writable("format")
        + " WHERE content_hash IN (SELECT content_hash FROM merged_assets)");
    temp(db, "CREATE TEMP TABLE merged_tags (content_hash VARCHAR, category VARCHAR, value VARCHAR)", tags);
    sql.execute("INSERT INTO tags SELECT content_hash, category, value FROM merged_tags");
    sql.execute("DROP TABLE temp.main.merged_assets");
    sql.execute("DROP TABLE temp.main.merged_tags");
  }

  /** Each present copy keeps its metadata and standard values where they differ from its asset's now. */
  private static void writeCopies(Connection db, Statement sql, List<AssetRecord> assets) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    for (AssetRecord a : assets) {
      for (MediaRecord copy : a.locations()) {
        String metadata = copy.metadataJson() != null && !AssetMerge.sameMetadata(copy.metadataJson(), a.metadataJson())
            ? copy.metadataJson() : null;
        StandardMetadata s = copy.standard() != null && !AssetMerge.sameStandard(copy.standard(), a.standard())
            ? copy.standard() : null;
        rows.add(new Object[] {copy.path(), metadata, s != null, s == null ? null : s.width(),
            s == null ? null : s.height(), s == null ? null : s.durationSeconds(), s == null ? null : s.videoCodec(),
            s == null ? null : s.audioCodec(), s == null ? null : s.sampleRate(), s == null ? null : s.channels(),
            s == null ? null : s.camera(), s == null ? null : s.software(), s == null ? null : s.createdAt(),
            s == null ? null : s.json()});
      }
    }
    temp(db, "CREATE TEMP TABLE merged_copies (path VARCHAR, metadata VARCHAR, kept BOOLEAN, width INTEGER,"
        + " height INTEGER, duration_seconds DOUBLE, video_codec VARCHAR, audio_codec VARCHAR, sample_rate INTEGER,"
        + " channels INTEGER, camera VARCHAR, software VARCHAR, created_at VARCHAR, json VARCHAR)", rows);
    sql.execute("UPDATE locations SET metadata = c.metadata::JSON,"
        + " standard = CASE WHEN c.kept THEN " + CacheSchema.standardStruct("c") + " END"
        + " FROM merged_copies c WHERE locations.path = c.path AND locations.state = 'present'");
    sql.execute("DROP TABLE temp.main.merged_copies");
  }

  /** Creates a temp table and fills it with {@code values}, one row each. */
  private static void temp(Connection db, String create, List<Object[]> values) throws SQLException {
    try (Statement sql = db.createStatement()) {
      sql.execute(create);
    }
    if (values.isEmpty()) {
      return;
    }
    String marks = "?" + ", ?".repeat(values.get(0).length - 1);
    String table = create.substring("CREATE TEMP TABLE ".length(), create.indexOf(' ', "CREATE TEMP TABLE ".length()));
    try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
      for (Object[] row : values) {
        for (int i = 0; i < row.length; i++) {
          insert.setObject(i + 1, row[i]);
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
