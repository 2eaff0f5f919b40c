package ai.alicemultiverse.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

class SecretsTest {
  private static final String SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";

  @Test
  void aMistypedCredentialsOptionIsEchoedByBeamButNotByUs() {
    // a missing closing brace: Beam cannot parse it and repeats the whole value
    List<String> args = List.of("--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\","
        + "\"accessKeyId\":\"AKIDEXAMPLE\",\"secretAccessKey\":\"" + SECRET + "\"");
    Throwable e = catchThrowable(() -> PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).create());
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
    assertThat(e.getMessage()).contains(SECRET); // why this class exists

    String shown = Secrets.redact(e.getMessage(), args);

    assertThat(shown).doesNotContain(SECRET).contains(Secrets.HIDDEN).startsWith("Unable to parse JSON value");
  }

  @Test
  void hidesSecretFieldsWhereverTheyAppear() {
    List<String> args = List.of("--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\","
        + "\"accessKeyId\":\"AKIDEXAMPLE\", \"secretAccessKey\" : \"" + SECRET + "\"}");

    assertThat(Secrets.redact("signing with " + SECRET + " failed", args)).isEqualTo("signing with <hidden> failed");
    assertThat(Secrets.redact("no credentials here", List.of("--runner=DirectRunner")))
        .isEqualTo("no credentials here");
  }
}
