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

  /** {@code scheme://user:password@host}: everything between {@code ://} and {@code @}. */
  private static final Pattern USERINFO = Pattern.compile("(?<scheme>[A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s'\"]+@");
  private static final String KEY_NAME =
      "[A-Za-z0-9_.-]*(?i:secret|password|passwd|token|signature|credential|api[_-]?key|access[_-]?key)[A-Za-z0-9_.-]*";
  /** {@code name=value} and {@code "name": "value"} where the name says it holds a credential. */
  private static final Pattern KEY_VALUE = Pattern.compile(
      "(?<name>" + KEY_NAME + "=)(?<value>[^\\s\"'&,;]+)"
          + "|(?<jname>\"" + KEY_NAME + "\"\\s*:\\s*\")(?<jvalue>[^\"]+)");

  private Secrets() {}

  /**
   * {@code message} with every URL's userinfo and every value of a credential-like name hidden,
   * whatever produced the message: an option converter, Beam's parser, a storage client, alice.
   */
  public static String redact(String message) {
    if (message == null) {
      return null;
    }
    Matcher keys = KEY_VALUE.matcher(hideUserinfo(message));
    StringBuilder out = new StringBuilder();
    while (keys.find()) {
      String name = keys.group("name") != null ? keys.group("name") : keys.group("jname");
      keys.appendReplacement(out, Matcher.quoteReplacement(name + HIDDEN));
    }
    keys.appendTail(out);
    return out.toString();
  }

  /** {@code message} with every credential named in {@code args} or the environment hidden. */
  public static String redact(String message, List<String> args) {
    return message == null ? null : redact(hideKnown(message, args));
  }

  /**
   * A line of results (search hits, query rows, shown metadata) with the credentials named in
   * {@code args} or the environment and every URL's userinfo hidden. Unlike {@link #redact(String)}
   * it keeps {@code name=value} text: that is the user's data, and a prompt may say "token=".
   */
  public static String redactResult(String message, List<String> args) {
    return message == null ? null : hideUserinfo(hideKnown(message, args));
  }

  private static String hideUserinfo(String message) {
    return USERINFO.matcher(message).replaceAll("${scheme}" + HIDDEN + "@");
  }

  private static String hideKnown(String message, List<String> args) {
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
