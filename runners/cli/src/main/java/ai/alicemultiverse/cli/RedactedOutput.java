package ai.alicemultiverse.cli;

import ai.alicemultiverse.storage.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Standard output and error with credentials hidden line by line: picocli's option errors, Beam's
 * parser, the storage clients' logs and alice's own messages go to standard error, where every
 * credential-like value is hidden ({@link Secrets#redact}), so a password in an endpoint or a root is
 * never printed back, whoever prints it. Standard output carries results (the user's own metadata),
 * so only known credentials and URL userinfo are hidden there ({@link Secrets#redactResult}).
 */
final class RedactedOutput extends OutputStream {
  private final PrintStream target;
  private final List<String> args;
  private final boolean results;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  private RedactedOutput(PrintStream target, List<String> args, boolean results) {
    this.target = target;
    this.args = args;
    this.results = results;
  }

  /** Replaces System.out and System.err; {@code args} name credentials to hide as well. */
  static void install(List<String> args) {
    System.setOut(wrap(System.out, args, true));
    System.setErr(wrap(System.err, args, false));
  }

  private static PrintStream wrap(PrintStream target, List<String> args, boolean results) {
    // UTF-8 only between the two streams: the target encodes as it always did
    return new PrintStream(new RedactedOutput(target, args, results), true, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void write(int b) {
    line.write(b);
    if (b == '\n') {
      emit();
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    int start = offset;
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] == '\n') {
        line.write(bytes, start, i + 1 - start);
        emit();
        start = i + 1;
      }
    }
    line.write(bytes, start, offset + length - start);
  }

  /** A partial line (a prompt, a progress line redrawn with \r) is shown when flushed, redacted too. */
  @Override
  public synchronized void flush() {
    emit();
    target.flush();
  }

  @Override
  public synchronized void close() {
    flush();
  }

  private void emit() {
    if (line.size() == 0) {
      return;
    }
    String text = line.toString(StandardCharsets.UTF_8);
    target.print(results ? Secrets.redactResult(text, args) : Secrets.redact(text, args));
    line.reset();
  }
}
