package ai.alicemultiverse.io;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Says in a few words why an operation on a file failed, for messages that also name the file. Reasons
 * often quote bytes of the file (a box type, a chunk name, a path): {@link #printable} keeps those from
 * reaching a terminal or the errors table as control characters.
 */
public final class Reasons {
  private Reasons() {}

  /**
   * Said of a file that is missing because its name holds bytes that are not valid UTF-8: Java reads such a name
   * with U+FFFD in place of those bytes and can never open it again under that string.
   */
  public static final String NAME_NOT_UTF8 =
      "the file name is not valid UTF-8, so it cannot be opened by name; rename it to UTF-8 (e.g. with convmv)";

  /** Why {@code e} happened, with every character that is not printable escaped. */
  public static String of(Throwable e) {
    return printable(raw(e));
  }

  /**
   * Why {@code e} happened, as {@link #of(Throwable)} says it, but with {@code whenMissing} for a file that
   * is not there (any more), where the job knows better what that means ("vanished during the ingest").
   * A name that is not valid UTF-8 is still said to be the reason: that file is there.
   */
  public static String of(Throwable e, String whenMissing) {
    boolean undecodable = e instanceof NoSuchFileException missing && hasUndecodableName(missing.getFile());
    return isMissing(e) && !undecodable ? whenMissing : of(e);
  }

  /**
   * The exception in {@code e}'s cause chain that says the most: the first whose message is more than
   * nothing or the name of its cause (what {@code new IOException(cause)} and Beam's wrappers make of
   * one). {@code e} itself when it has no cause.
   */
  public static Throwable telling(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank()
        || t.getMessage().contains(t.getCause().getClass().getName()))) {
      t = t.getCause();
    }
    return t;
  }

  /** The message of {@link #telling}{@code (e)} as it stands, or its class's simple name when it has none. */
  public static String message(Throwable e) {
    return ownMessage(telling(e));
  }

  /** {@code e}'s own message, or its class's simple name when it has none. */
  public static String ownMessage(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static String raw(Throwable e) {
    if (isMissing(e) && e instanceof NoSuchFileException nsfe && hasUndecodableName(nsfe.getFile())) {
      return NAME_NOT_UTF8;
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason(); // whoever threw it said why
    }
    if (isMissing(e)) {
      return "no such file (moved or deleted?)";
    }
    if (e instanceof AccessDeniedException || isFileStream(e, "(Permission denied)")) {
      return "permission denied";
    }
    if (e instanceof StackOverflowError) {
      return "nested too deeply to read (the reader ran out of stack)";
    }
    if (e instanceof OutOfMemoryError) {
      return "too large to read in the memory given (" + e.getMessage() + ")";
    }
    return ownMessage(e);
  }

  /** True if {@code path} was decoded from bytes that are not valid UTF-8 (the decoder put U+FFFD there). */
  public static boolean hasUndecodableName(String path) {
    return path != null && path.indexOf('\uFFFD') >= 0;
  }

  /**
   * {@code text} with control characters (NUL, newline, ESC, C1 controls), invisible format characters
   * (such as bidirectional overrides), lone surrogates and unassigned code points escaped ({@code \x1B},
   * or a backslash, u and the hex code point in braces): what a file holds cannot move the cursor, clear
   * the screen or split a line of output. Null stays null.
   */
  public static String printable(String text) {
    if (text == null || text.codePoints().allMatch(Reasons::isPrintable)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(c -> {
      if (isPrintable(c)) {
        out.appendCodePoint(c);
      } else if (c <= 0xFF) {
        out.append(String.format("\\x%02X", c));
      } else {
        out.append(String.format("\\u{%04X}", c));
      }
    });
    return out.toString();
  }

  private static boolean isPrintable(int c) {
    if (c >= 0x20 && c < 0x7F) {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.UNASSIGNED,
          Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
      default -> true;
    };
  }

  /** The file is not there (any more). */
  public static boolean isMissing(Throwable e) {
    return e instanceof NoSuchFileException || isFileStream(e, "(No such file or directory)");
  }

  /** java.io streams (Beam's local file system opens with them) say what went wrong in the message only. */
  private static boolean isFileStream(Throwable e, String suffix) {
    return e instanceof FileNotFoundException && e.getMessage() != null && e.getMessage().endsWith(suffix);
  }
}
