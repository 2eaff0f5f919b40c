package ai.alicemultiverse.cli;

import ai.alicemultiverse.storage.Secrets;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Beam pipeline options passed through the command line ({@code --runner=...} and the runner's own). */
public final class BeamArgs {
  private BeamArgs() {}

  public static PipelineOptions parse(List<String> args) {
    Warmup.begin();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg
            + "' (Beam options are written --name=value; paths come before them)");
      }
    }
    PipelineOptions options;
    try {
      options = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().create();
    } catch (IllegalArgumentException e) {
      // Beam repeats values it cannot parse; a credentials option would show its secret. The
      // cause is dropped for the same reason (ALICE_DEBUG prints the chain).
      throw new IllegalArgumentException("bad pipeline option: " + Secrets.redact(e.getMessage(), args));
    }
    DirectRunnerDefaults.applyUnlessGiven(options, args);
    return options;
  }
}
