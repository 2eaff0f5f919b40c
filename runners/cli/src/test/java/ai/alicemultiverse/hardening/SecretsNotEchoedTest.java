package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A credential typed into a value alice cannot use is not printed back, whoever prints it: picocli's option
 * converter (a malformed {@code --s3-endpoint}), Beam's own option parser (a raw {@code --endpoint=}), alice's
 * messages and progress naming a root given as {@code s3://user:secret@bucket}, with stack traces on.
 */
@Timeout(300)
class SecretsNotEchoedTest {
  private static final String SECRET = "wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY";

  @TempDir Path work;

  private String alice(String name, int exit, String... args) throws Exception {
    Path log = work.resolve(name + ".log");
    Process child = AliceProcess.start(List.of(args), log, java.util.Map.of("ALICE_DEBUG", "1"));
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(log);
    assertThat(child.exitValue()).as(name + ":\n" + output).isEqualTo(exit);
    return output;
  }

  @Test
  void aMalformedS3EndpointIsNotPrintedWithItsPassword() throws Exception {
    String output = alice("s3-endpoint", 2, "rebuild", work.toString(), "--cache", work.resolve("a.duckdb").toString(),
        "--s3-endpoint", "http://u:" + SECRET + "@h/ x");
    assertThat(output).contains("--s3-endpoint", "http://<hidden>@h/ x").doesNotContain(SECRET);
  }

  @Test
  void beamsRawEndpointParseErrorIsNotPrintedWithItsPassword() throws Exception {
    String output = alice("beam-endpoint", 2, "rebuild", work.toString(), "--cache",
        work.resolve("a.duckdb").toString(), "--endpoint=http://u:" + SECRET + "@h/ x");
    assertThat(output).contains("bad pipeline option", "http://<hidden>@h/ x").doesNotContain(SECRET);
  }

  @Test
  void anS3RootWithUserinfoIsNotPrintedAsGiven() throws Exception {
    String root = "s3://user:" + SECRET + "@bucket/archive";
    String output = alice("s3-root", 1, "rebuild", root, "--cache", work.resolve("a.duckdb").toString(),
        "--s3-endpoint", "http://127.0.0.1:9", "--s3-path-style", "--s3-region", "us-east-1");
    assertThat(output).contains("s3://<hidden>@bucket/archive").doesNotContain(SECRET);
    String exportOutput = alice("s3-export", 1, "export", "--to", "s3://user:" + SECRET + "@bucket/exports",
        "--from-files", work.toString(), "--s3-endpoint", "http://127.0.0.1:9", "--s3-path-style",
        "--s3-region", "us-east-1");
    assertThat(exportOutput).doesNotContain(SECRET);
  }
}
