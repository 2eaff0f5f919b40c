package ai.alicemultiverse.runners;

import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.pipelines.RebuildSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The DirectRunner's rebuild of the sample media: what every other runner's cache must equal. Made
 * once per test JVM (a rebuild takes seconds on two shared cores) and deleted when the last test has
 * run. A test asks for it as a parameter, with {@code @ExtendWith(DirectBaseline.Resolver.class)}.
 */
record DirectBaseline(Path cache, RebuildSummary summary, Path dir) implements AutoCloseable {

  static DirectBaseline rebuild() throws IOException {
    Path dir = Files.createTempDirectory("alice-direct-baseline-");
    Path cache = dir.resolve("alice.duckdb");
    RebuildSummary summary = RebuildPipeline.run(FlinkRunnerTest.config(cache),
        FlinkRunnerTest.options("--runner=DirectRunner"), FlinkRunnerTest.quiet());
    return new DirectBaseline(cache, summary, dir);
  }

  @Override
  public void close() throws IOException {
    try (Stream<Path> tree = Files.walk(dir)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Keeps the baseline in the root store: JUnit closes it after the last test class. */
  static final class Resolver implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DirectBaseline.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == DirectBaseline.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(DirectBaseline.class, key -> {
        try {
          return rebuild();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, DirectBaseline.class);
    }
  }
}
