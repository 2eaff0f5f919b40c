package ai.alicemultiverse.cli;

import ai.alicemultiverse.storage.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Standard output and error with credentials hidden line by line ({@link Secrets#redact}): picocli's
 * option errors, Beam's parser, the storage clients' logs and alice's own messages all go through
 * them, so a password in an endpoint or a root is never printed back, whoever prints it.
 */
final class RedactedOutput extends OutputStream {
  private final PrintStream target;
  private final List<String> args;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  private RedactedOutput(PrintStream target, List<String> args) {
    this.target = target;
    this.args = args;
  }

  /** Replaces System.out and System.err; {@code args} name credentials to hide as well. */
  static void install(List<String> args) {
    System.setOut(wrap(System.out, args));
    System.setErr(wrap(System.err, args));
  }

  private static PrintStream wrap(PrintStream target, List<String> args) {
    // UTF-8 only between the two streams: the target encodes as it always did
    return new PrintStream(new RedactedOutput(target, args), true, StandardCharsets.UTF_8);
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
    target.print(Secrets.redact(line.toString(StandardCharsets.UTF_8), args));
    line.reset();
  }
}
