package ai.alicemultiverse.cli;

import java.util.List;
import java.util.function.BiConsumer;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The DirectRunner settings alice runs with where the command line gives none: the one place they are kept.
 *
 * <p>Not an options interface redeclaring {@link DirectOptions}' getters with its own {@code @Default}s: Beam's
 * {@code PipelineOptionsFactory} refuses that ("Property [blockOnRun] is marked with contradictory annotations"),
 * so they are set after parsing, each only when no {@code --name} argument gave it.
 */
final class DirectRunnerDefaults {
  private record Setting(String option, BiConsumer<DirectOptions, Boolean> setter, boolean value) {}

  private static final List<Setting> SETTINGS = List.of(
      // The immutability/encodability checks are for developing transforms; they slow real runs.
      new Setting("enforceImmutability", DirectOptions::setEnforceImmutability, false),
      new Setting("enforceEncodability", DirectOptions::setEnforceEncodability, false),
      // run() returns at once, so the progress line reports while the pipeline works (blocking, the
      // DirectRunner's default, returns only when all is done)
      new Setting("blockOnRun", DirectOptions::setBlockOnRun, false));

  private DirectRunnerDefaults() {}

  static void applyUnlessGiven(PipelineOptions options, List<String> args) {
    DirectOptions direct = options.as(DirectOptions.class);
    for (Setting setting : SETTINGS) {
      if (args.stream().noneMatch(a -> a.startsWith("--" + setting.option()))) {
        setting.setter().accept(direct, setting.value());
      }
    }
  }
}
