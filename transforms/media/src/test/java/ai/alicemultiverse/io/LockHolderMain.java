package ai.alicemultiverse.io;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A second process for {@link SafeFileWriterProcessTest}: starts {@code replace(args[0])}, writes half of the
 * content, prints {@code WRITING}, then waits for a line on stdin before finishing (or is killed meanwhile).
 */
public final class LockHolderMain {
  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    SafeFileWriter.replace(
        Path.of(args[0]),
        out -> {
          out.write("child-".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          System.out.println("WRITING");
          System.out.flush();
          stdin.readLine();
          out.write("version".getBytes(StandardCharsets.US_ASCII));
        },
        written -> {});
    System.out.println("DONE");
  }
}
