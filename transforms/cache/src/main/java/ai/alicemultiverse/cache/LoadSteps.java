package ai.alicemultiverse.cache;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the statements that build a cache one by one and keeps each one's wall and CPU seconds, so
 * a slow load says which step is slow (the search benchmark prints them). Timing costs two clock
 * reads per statement: every load keeps it.
 */
public final class LoadSteps {
  /** One statement: the table or index it makes, its wall seconds and the process's CPU seconds. */
  public record Step(String name, double seconds, double cpuSeconds) {}

  private static final Pattern TARGET = Pattern.compile(
      "^\\s*(CREATE(?:\\s+OR\\s+REPLACE)?(?:\\s+TEMP(?:ORARY)?)?(?:\\s+UNIQUE)?\\s+(?:TABLE|INDEX)"
          + "|INSERT\\s+INTO|DROP\\s+TABLE|COPY|CHECKPOINT|SET)\\s*([\\w.\"]*)",
      Pattern.CASE_INSENSITIVE);

  private final Statement sql;
  private final List<Step> steps = new ArrayList<>();

  public LoadSteps(Statement sql) {
    this.sql = sql;
  }

  /** Executes {@code statement} and records how long it took. */
  public void execute(String statement) throws SQLException {
    long start = System.nanoTime();
    long cpu = cpuNanos();
    sql.execute(statement);
    steps.add(new Step(name(statement), (System.nanoTime() - start) / 1e9, (cpuNanos() - cpu) / 1e9));
  }

  public Statement statement() {
    return sql;
  }

  public List<Step> steps() {
    return List.copyOf(steps);
  }

  /** "create table search_postings", "insert into assets": what a statement makes, for a person to read. */
  static String name(String statement) {
    Matcher m = TARGET.matcher(statement);
    if (!m.find()) {
      return statement.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    }
    return (m.group(1).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT) + " " + m.group(2)).strip();
  }

  /** CPU time of this process, DuckDB's native threads included; 0 where the JVM cannot tell. */
  public static long cpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? Math.max(0, os.getProcessCpuTime()) : 0;
  }
}
