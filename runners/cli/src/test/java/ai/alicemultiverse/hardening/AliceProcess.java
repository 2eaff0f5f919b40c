package ai.alicemultiverse.hardening;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real {@code alice} command in a child JVM on the test class path, as a user would run it. */
final class AliceProcess {
  private AliceProcess() {}

  /** Starts {@code alice ARGS...}; stdout and stderr go to {@code log}. */
  static Process start(List<String> args, Path log, String... jvmOptions) throws IOException {
    return start(args, log, java.util.Map.of(), jvmOptions);
  }

  /** As {@link #start(List, Path, String...)} with {@code env} added to the child's environment. */
  static Process start(List<String> args, Path log, java.util.Map<String, String> env, String... jvmOptions)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1"); // starts faster; these runs are short
    command.addAll(List.of(jvmOptions));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("ai.alicemultiverse.cli.AliceCommand");
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    return builder
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
