package ai.alicemultiverse.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts a Flink 1.19 session cluster on this machine and keeps it running until Ctrl-C: the same
 * processes and configuration as the tests' cluster, from the jar this class is in
 * ({@code alice-flink-cluster.jar}) or any class path that holds {@code flink-runtime}.
 */
@Command(name = "flink-session-cluster", mixinStandardHelpOptions = true,
    description = {
      "Start a Flink 1.19 session cluster on 127.0.0.1: a JobManager and TaskManagers, each its own JVM",
      "(768 MB JobManager, 1.25 GB per TaskManager), until Ctrl-C. Then, from another shell:",
      "  alice rebuild ~/Pictures --runner=FlinkRunner --flinkMaster=127.0.0.1:8081",
      "The TaskManagers inherit this shell's environment: S3 credentials (AWS_ACCESS_KEY_ID,",
      "AWS_SECRET_ACCESS_KEY or AWS_PROFILE) set here reach the workers."
    })
public final class LocalFlinkCluster implements Callable<Integer> {
  @Option(names = "--task-managers", defaultValue = "2", description = "TaskManager processes (default: ${DEFAULT-VALUE}).")
  int taskManagers;

  @Option(names = "--slots", defaultValue = "1", description = "Task slots per TaskManager (default: ${DEFAULT-VALUE}).")
  int slots;

  @Option(names = "--rest-port", defaultValue = "8081",
      description = "The JobManager's REST port, what --flinkMaster names (default: ${DEFAULT-VALUE}).")
  int restPort;

  @Option(names = "--dir", description = "Folder for the configuration, logs and temporary files (default: a new"
      + " folder under the system's temporary folder).")
  Path dir;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LocalFlinkCluster()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("alice-flink-");
    FlinkSessionCluster.Settings settings = new FlinkSessionCluster.Settings(System.getProperty("java.class.path"),
        work, restPort, taskManagers, slots, Map.of(), List.of());
    FlinkSessionCluster cluster = FlinkSessionCluster.start(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        cluster.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    System.out.println("Flink session cluster: a JobManager and " + taskManagers + " TaskManagers with " + slots
        + " slot(s) each.");
    System.out.println("  web UI and REST:  " + cluster.restEndpoint());
    System.out.println("  alice rebuild PATH... --runner=FlinkRunner --flinkMaster=" + cluster.master());
    System.out.println("  configuration and logs: " + work);
    System.out.println("Ctrl-C stops it.");
    String exited = cluster.awaitAnyExit();
    System.err.println(exited.replace(".log", "") + " exited (see " + work.resolve(exited) + "); stopping the cluster");
    return 1;
  }
}
