package ai.alicemultiverse.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * External programs a test needs (ExifTool 13, cjpeg, ImageMagick...). Missing ones skip the test
 * with the reason, except where the environment sets {@code ALICE_REQUIRE_TOOLS=1} ({@code .ci/run}
 * does, after installing them): there a missing tool fails the test, so CI never skips silently.
 */
public final class RequiredTools {
  private RequiredTools() {}

  /** True when the environment asks for every tool to be present. */
  public static boolean required() {
    return "1".equals(System.getenv("ALICE_REQUIRE_TOOLS"));
  }

  /** Skips (or, where tools are required, fails) unless {@code present}. */
  public static void assume(boolean present, String reason) {
    if (!present && required()) {
      fail(reason + " (ALICE_REQUIRE_TOOLS=1)");
    }
    assumeTrue(present, reason);
  }

  /** Skips (or fails) unless each command runs ({@code command -v} finds it on PATH). */
  public static void assumeCommands(String... commands) {
    for (String command : commands) {
      assume(onPath(command), command + " not on PATH (see .ci/run for the packages)");
    }
  }

  public static boolean onPath(String command) {
    try {
      Process p = new ProcessBuilder("sh", "-c", "command -v " + command).redirectErrorStream(true).start();
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
