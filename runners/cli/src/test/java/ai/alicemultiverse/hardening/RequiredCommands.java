package ai.alicemultiverse.hardening;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Media tools a hardening test needs (exiftool, exiv2...): a missing one skips the test with the reason, except
 * where {@code ALICE_REQUIRE_TOOLS=1} ({@code .ci/run} installs them and sets it): there it fails the test.
 */
final class RequiredCommands {
  private RequiredCommands() {}

  static void assume(String... commands) {
    for (String command : commands) {
      String reason = command + " is not on PATH (.ci/run installs it)";
      if (!onPath(command) && "1".equals(System.getenv("ALICE_REQUIRE_TOOLS"))) {
        fail(reason + " (ALICE_REQUIRE_TOOLS=1)");
      }
      assumeTrue(onPath(command), reason);
    }
  }

  private static boolean onPath(String command) {
    try {
      Process p = new ProcessBuilder("sh", "-c", "command -v \"$0\"", command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
