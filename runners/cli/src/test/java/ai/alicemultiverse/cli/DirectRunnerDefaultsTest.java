package ai.alicemultiverse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** The DirectRunner settings the command line runs with, and why they are not {@code @Default}s of their own. */
class DirectRunnerDefaultsTest {

  @Test
  void withoutArgumentsTheChecksAreOffAndRunDoesNotBlock() {
    DirectOptions direct = BeamArgs.parse(List.of("--runner=DirectRunner")).as(DirectOptions.class);

    assertThat(direct.isEnforceImmutability()).isFalse();
    assertThat(direct.isEnforceEncodability()).isFalse();
    assertThat(direct.isBlockOnRun()).isFalse();
  }

  @Test
  void anArgumentWinsOverTheDefault() {
    DirectOptions direct = BeamArgs.parse(List.of("--runner=DirectRunner", "--enforceImmutability=true",
        "--enforceEncodability=true", "--blockOnRun=true")).as(DirectOptions.class);

    assertThat(direct.isEnforceImmutability()).isTrue();
    assertThat(direct.isEnforceEncodability()).isTrue();
    assertThat(direct.isBlockOnRun()).isTrue();
  }

  /** What an options interface holding these defaults would need; should Beam ever accept it, use one. */
  public interface RedeclaredDefaults extends DirectOptions {
    @Override
    @Default.Boolean(false)
    boolean isBlockOnRun();
  }

  @Test
  void beamRefusesASubInterfaceThatRedeclaresADefault() {
    assertThatThrownBy(() -> PipelineOptionsFactory.fromArgs("--runner=DirectRunner").as(RedeclaredDefaults.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[blockOnRun] is marked with contradictory annotations");
  }
}
