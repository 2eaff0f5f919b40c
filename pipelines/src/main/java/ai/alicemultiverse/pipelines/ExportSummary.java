package ai.alicemultiverse.pipelines;

import java.util.List;

/**
 * The outcome of one export.
 *
 * @param published false when the query returned no rows: nothing was published
 * @param location where the run was published (null when nothing was)
 * @param pruned older runs removed by {@code --keep}
 */
public record ExportSummary(boolean published, String runId, String location, long rows, long bytes, int files,
    List<String> pruned, double seconds) {

  public String describe() {
    if (!published) {
      return "nothing to export: the query returned no rows (no run was published)";
    }
    StringBuilder text = new StringBuilder()
        .append("published ").append(location).append('\n')
        .append(String.format("  %d rows in %d Parquet file%s, %d bytes, %.1f s", rows, files,
            files == 1 ? "" : "s", bytes, seconds));
    if (!pruned.isEmpty()) {
      text.append("\n  removed ").append(pruned.size()).append(" older run").append(pruned.size() == 1 ? "" : "s")
          .append(": ").append(String.join(", ", pruned));
    }
    return text.toString();
  }
}
