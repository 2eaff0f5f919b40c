/**
 * A Flink 1.19 session cluster on this machine in separate JVMs (a JobManager and TaskManagers)
 * started from the class path alice already has ({@code flink-runtime} comes with the FlinkRunner;
 * Flink's own distribution is not needed): for trying {@code --flinkMaster=host:port} locally and
 * for the tests that run {@code alice rebuild} against a real cluster.
 *
 * <p>May import: Flink's runtime and configuration, picocli. Nothing of alice's own: the cluster
 * runs whatever job a driver sends it.
 */
package ai.alicemultiverse.cluster;
