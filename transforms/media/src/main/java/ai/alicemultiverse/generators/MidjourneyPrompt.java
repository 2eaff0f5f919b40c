package ai.alicemultiverse.generators;

import ai.alicemultiverse.xmp.Generation;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Midjourney description: {@code prompt text --ar 16:9 --v 6.1 --no people Job ID: <uuid>}.
 * Midjourney writes it to dc:description (XMP) and the PNG {@code Description} chunk. The
 * {@code --v} / {@code --niji} version becomes the model, {@code --no} the negative prompt, every
 * other {@code --name value} a parameter.
 */
public final class MidjourneyPrompt {
  public static final String PROVIDER = "midjourney";

  private static final Pattern JOB_ID = Pattern.compile("\\s*Job ID:\\s*([0-9A-Fa-f-]{8,})\\s*");
  private static final Pattern FIRST_PARAMETER = Pattern.compile("(^|\\s)--[a-z]");
  private static final Pattern SIGNS = Pattern.compile("(^|\\s)--(v|ar|niji|style|stylize|s|chaos|q|seed|no|sref|cref|p)(\\s|$)");

  private MidjourneyPrompt() {}

  /** True when {@code text} carries Midjourney's parameters or job id. */
  public static boolean looksLikeMidjourney(String text) {
    return text != null && (JOB_ID.matcher(text).find() || SIGNS.matcher(text).find());
  }

  public static Generation parse(String text) {
    TreeMap<String, String> parameters = new TreeMap<>();
    String rest = text.strip();
    Matcher job = JOB_ID.matcher(rest);
    if (job.find()) {
      parameters.put("job_id", job.group(1));
      rest = (rest.substring(0, job.start()) + " " + rest.substring(job.end())).strip();
    }
    Matcher first = FIRST_PARAMETER.matcher(rest);
    String prompt = rest;
    String negative = null;
    String model = null;
    if (first.find()) {
      prompt = rest.substring(0, first.start()).strip();
      String name = null;
      StringBuilder value = new StringBuilder();
      for (String token : (rest.substring(first.start()).strip() + " --").split("\\s+")) {
        if (token.startsWith("--")) {
          if (name != null) {
            String v = value.toString().strip();
            switch (name) {
              case "v", "version" -> model = "v" + v;
              case "niji" -> model = v.isEmpty() ? "niji" : "niji " + v;
              case "no" -> negative = v;
              default -> parameters.put(name, v.isEmpty() ? "true" : v);
            }
          }
          name = token.substring(2).toLowerCase(Locale.ROOT);
          value.setLength(0);
        } else {
          value.append(' ').append(token);
        }
      }
    }
    return new Generation(PROVIDER, model, prompt, negative, parameters, null, null);
  }
}
