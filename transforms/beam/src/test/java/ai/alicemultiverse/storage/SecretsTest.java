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

  @Test
  void hidesUserinfoAndCredentialLikeValuesInAnyMessage() {
    assertThat(Secrets.redact("cannot convert 'http://u:" + SECRET + "@h/ x' to URI"))
        .isEqualTo("cannot convert 'http://<hidden>@h/ x' to URI");
    assertThat(Secrets.redact("reading s3://user:" + SECRET + "@bucket/a.jpg"))
        .isEqualTo("reading s3://<hidden>@bucket/a.jpg");
    assertThat(Secrets.redact("GET /b/k?X-Amz-Signature=" + SECRET + "&x=1 aws_secret_access_key=" + SECRET))
        .isEqualTo("GET /b/k?X-Amz-Signature=<hidden>&x=1 aws_secret_access_key=<hidden>");
    assertThat(Secrets.redact("{\"sessionToken\": \"" + SECRET + "\"}")).isEqualTo("{\"sessionToken\": \"<hidden>\"}");
    String ordinary = "s3://media/archive/a@2x.png: the storage failed (Unable to load credentials from any of the"
        + " providers; token expired at 10:00)";
    assertThat(Secrets.redact(ordinary)).isEqualTo(ordinary);
  }

  @Test
  void resultsKeepTheUsersTextButNotKnownCredentialsOrUserinfo() {
    List<String> args = List.of("--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\","
        + "\"accessKeyId\":\"AKIDEXAMPLE\", \"secretAccessKey\" : \"" + SECRET + "\"}");
    assertThat(Secrets.redactResult("a prompt with token=abc and password=xyz", args))
        .isEqualTo("a prompt with token=abc and password=xyz");
    assertThat(Secrets.redactResult("s3://u:p@bucket/a.jpg " + SECRET, args))
        .isEqualTo("s3://<hidden>@bucket/a.jpg <hidden>");
  }
}
