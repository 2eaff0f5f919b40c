package ai.alicemultiverse.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of messages. Beam echoes an option value it cannot parse ("Unable to
 * parse JSON value ..."), so a mistyped {@code --awsCredentialsProvider} would print its secret
 * key to the terminal and into whatever log collects it.
 */
public final class Secrets {
  static final String HIDDEN = "<hidden>";
  /** Options whose whole value is a credential or holds one. */
  private static final List<String> CREDENTIAL_OPTIONS = List.of("--awsCredentialsProvider=");
  private static final Pattern SECRET_FIELD =
      Pattern.compile("\"(?:secretAccessKey|sessionToken)\"\\s*:\\s*\"([^\"]+)\"");
  private static final List<String> SECRET_VARIABLES = List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

  private Secrets() {}

  /** {@code message} with every credential named in {@code args} or the environment hidden. */
  public static String redact(String message, List<String> args) {
    if (message == null) {
      return null;
    }
    List<String> secrets = new ArrayList<>();
    for (String arg : args) {
      for (String option : CREDENTIAL_OPTIONS) {
        if (arg.startsWith(option) && arg.length() > option.length()) {
          secrets.add(arg.substring(option.length()));
        }
      }
      Matcher field = SECRET_FIELD.matcher(arg);
      while (field.find()) {
        secrets.add(field.group(1));
      }
    }
    for (String variable : SECRET_VARIABLES) {
      String value = System.getenv(variable);
      if (value != null && value.length() >= 8) { // short values would blank out ordinary words
        secrets.add(value);
      }
    }
    secrets.sort((a, b) -> b.length() - a.length()); // the whole JSON before the key inside it
    String redacted = message;
    for (String secret : secrets) {
      redacted = redacted.replace(secret, HIDDEN);
    }
    return redacted;
  }
}
