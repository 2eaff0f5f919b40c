package ai.alicemultiverse.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standard-metadata columns of the cache after a rebuild of src/samples. Expected values from
 * {@code exiftool -n -ImageWidth -ImageHeight} on the samples; the WAV duration is its data chunk
 * (16000 bytes) over its byte rate (8000 Hz × 1 channel × 2 bytes).
 */
class RebuildTypedColumnsTest {
  @TempDir static Path work;
  static Path cache;

  @BeforeAll
  static void rebuildSamples() throws IOException {
    cache = work.resolve("alice.duckdb");
    RebuildPipeline.run(new RebuildConfig(List.of(Samples.dir().toString()), cache,
            RebuildConfig.defaultParquetDir(cache), false),
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create(),
        new PrintStream(PrintStream.nullOutputStream()));
  }

  static List<String> row(String pathSuffix, String columns) throws Exception {
    List<List<String>> rows = CacheRows.query(cache, "SELECT " + columns
        + " FROM assets WHERE content_hash = (SELECT content_hash FROM locations WHERE path LIKE '%" + pathSuffix + "')");
    assertThat(rows).as(pathSuffix).hasSize(1);
    return rows.get(0);
  }

  @Test
  void imagesHaveTheirPixelSize() throws Exception {
    assertThat(row("renders/neon-alley.png", "width, height, duration_seconds")).containsExactly("320", "240", null);
    assertThat(row("renders/sunset-harbor.jpg", "width, height")).containsExactly("320", "240");
    assertThat(row("renders/watercolor-fox.tif", "width, height")).containsExactly("200", "160");
    assertThat(row("inbox/pattern.png", "width, height")).containsExactly("128", "128");
    assertThat(row("inbox/untagged-portrait.jpg", "width, height")).containsExactly("240", "320");
  }

  @Test
  void audioHasDurationRateAndChannels() throws Exception {
    assertThat(row("inbox/ambient-tone.wav",
        "width, duration_seconds, audio_codec, sample_rate, channels, standard->>'bits'"))
        .containsExactly(null, "1.0", "pcm_signed", "8000", "1", "16");
  }

  @Test
  void everyAssetHasStandardJsonAndNoExtractionNote() throws Exception {
    assertThat(CacheRows.single(cache, "SELECT count(*) FROM assets WHERE standard IS NULL")).isEqualTo("0");
    assertThat(CacheRows.single(cache,
        "SELECT count(*) FROM assets WHERE standard->>'extraction_note' IS NOT NULL")).isEqualTo("0");
  }

  @Test
  void typedColumnsHaveTheirSqlTypes() throws Exception {
    assertThat(CacheRows.query(cache, "SELECT column_name, data_type FROM information_schema.columns"
        + " WHERE table_name = 'assets' AND column_name IN ('width', 'height', 'duration_seconds', 'sample_rate',"
        + " 'channels', 'created_at', 'standard') ORDER BY column_name"))
        .containsExactly(List.of("channels", "INTEGER"), List.of("created_at", "TIMESTAMP"),
            List.of("duration_seconds", "DOUBLE"), List.of("height", "INTEGER"), List.of("sample_rate", "INTEGER"),
            List.of("standard", "JSON"), List.of("width", "INTEGER"));
  }
}
