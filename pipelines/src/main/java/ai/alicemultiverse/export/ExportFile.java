package ai.alicemultiverse.export;

/**
 * One Parquet file of a run.
 *
 * @param path relative to the run folder, with {@code /} separators (e.g. {@code data/media_type=image/data_0.parquet})
 */
public record ExportFile(String path, long rows, long bytes) {}
