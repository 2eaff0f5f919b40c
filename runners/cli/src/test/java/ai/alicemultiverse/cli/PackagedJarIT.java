package ai.alicemultiverse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The product jar as users start it ({@code java -jar}), after {@code package}: it names its build. */
class PackagedJarIT {
  private static final Path JAR = Path.of("target", "alice.jar");

  @Test
  void versionNamesTheVersionAndTheCommitItWasBuiltFrom() throws Exception {
    assertThat(JAR).exists();
    String version = run(List.of(javaBin(), "-jar", JAR.toString(), "--version"));
    assertThat(version).startsWith("alice 0.").contains("Java ").doesNotContain("development");
    String head = run(List.of("git", "rev-parse", "--short=12", "HEAD")).strip();
    assumeTrue(head.matches("[0-9a-f]{12}"), "not a git checkout: no commit to compare");
    assertThat(version).contains("(commit " + head + ")");
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
