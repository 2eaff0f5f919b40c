package ai.alicemultiverse.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a search's filters as a person writes them (sizes like {@code 1MB..10MB}, dates, sort names) into
 * {@link SearchQuery.Builder} values, so every front end parses them alike. Messages name the command-line
 * option, which is how people meet them.
 */
public final class SearchArguments {
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]i?B|B)?", Pattern.CASE_INSENSITIVE);

  private SearchArguments() {}

  /** A size range {@code MIN..MAX}, {@code MIN..} or {@code ..MAX} (a bare size is a minimum), onto {@code b}. */
  public static SearchQuery.Builder sizeRange(SearchQuery.Builder b, String text) {
    String t = text.trim();
    int dots = t.indexOf("..");
    if (dots < 0) {
      return b.size(parseSize(t), null);
    }
    String min = t.substring(0, dots).trim();
    String max = t.substring(dots + 2).trim();
    if (min.isEmpty() && max.isEmpty()) {
      throw new IllegalArgumentException("--size '" + text + "' needs a MIN, a MAX or both, e.g. 1MB..10MB");
    }
    return b.size(min.isEmpty() ? null : parseSize(min), max.isEmpty() ? null : parseSize(max));
  }

  /** Bytes: a number with an optional unit B, KB, MB, GB, TB (1000) or KiB, MiB, GiB, TiB (1024). */
  public static long parseSize(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("size '" + text + "' is not a number with an optional unit, e.g. 500KB");
    }
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
    double factor = switch (unit) {
      case "B" -> 1;
      case "KB" -> 1e3;
      case "MB" -> 1e6;
      case "GB" -> 1e9;
      case "TB" -> 1e12;
      case "KIB" -> 1024.0;
      case "MIB" -> 1024.0 * 1024;
      case "GIB" -> 1024.0 * 1024 * 1024;
      default -> 1024.0 * 1024 * 1024 * 1024;
    };
    return Math.round(Double.parseDouble(m.group(1)) * factor);
  }

  /** A day ({@code 2025-01-31}, its start in UTC) or an instant ({@code 2025-01-31T12:00:00Z}). */
  public static Instant parseDate(String option, String text) {
    try {
      return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + " '" + text + "' is not a date like 2025-01-31 or"
          + " 2025-01-31T12:00:00Z");
    }
  }

  /**
   * A capture time as cameras write it, on the file's own clock without a zone: a day ({@code 2025-01-31}, its
   * start) or a time ({@code 2025-01-31T12:00:00}).
   */
  public static LocalDateTime parseTaken(String option, String text) {
    String t = text.trim();
    try {
      return t.length() == 10 ? LocalDate.parse(t).atStartOfDay() : LocalDateTime.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + " '" + text + "' is not a day like 2025-01-31 or a time like"
          + " 2025-01-31T12:00:00 (capture times are the camera's clock, without a zone)");
    }
  }

  /** {@code LAT,LON,KM}: decimal degrees north and east, and a radius in kilometres. */
  public static SearchQuery.Near parseNear(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length == 3) {
      try {
        return new SearchQuery.Near(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()),
            Double.parseDouble(parts[2].trim()));
      } catch (NumberFormatException e) {
        // said below
      }
    }
    throw new IllegalArgumentException("--near '" + text + "' is not LAT,LON,KM in decimal degrees and kilometres,"
        + " e.g. 48.8566,2.3522,5");
  }

  /** A sort order by its name, in any case. */
  public static SearchSort parseSort(String text) {
    try {
      return SearchSort.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--sort '" + text + "' is not one of relevance, newest, oldest, largest,"
          + " smallest");
    }
  }

  /** Widths, heights and durations are counts of pixels or seconds: none is negative. */
  public static void requireNotNegative(Number... values) {
    for (Number n : values) {
      if (n != null && n.doubleValue() < 0) {
        throw new IllegalArgumentException("--min-width, --min-height, --min-duration and --max-duration"
            + " take a number of pixels or seconds, not " + n);
      }
    }
  }
}
