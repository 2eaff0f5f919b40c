package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import ai.alicemultiverse.storage.S3ProxyServer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Storage faults of an S3 root (the sample media as objects), with a real S3-compatible server (S3Proxy)
 * behind a loopback proxy that delays requests, answers 500 or stops the server mid-rebuild. A rebuild either succeeds with the very rows
 * of a fault-free one (the S3 client retried) or fails with a message naming the object, leaving the previous
 * cache as it was; a rebuild once the server is back restores it row for row.
 */
@Timeout(300)
class S3FaultsTest {
  static final String ROOT = "s3://media/archive";

  @TempDir Path work;

  /** Short: one rebuild through the faults; full ({@code -Pcampaigns}): 10, failing every 2nd to 5th request. */
  @Test
  void occasional500sAndSlowResponsesAreRetriedAndGiveTheSameRows() throws Exception {
    int rounds = Campaign.size("s3Rounds", 1, 10);
    try (S3ProxyServer server = serverWithCorpus(work.resolve("s3"))) {
      Path reference = work.resolve("reference/alice.duckdb");
      rebuild(server.endpoint(), reference);
      for (int round = 0; round < rounds; round++) {
        try (FaultyHttpProxy proxy = new FaultyHttpProxy(server.endpoint(), new FirstAttemptFails(3 - round % 2
            + round % 3), 100)) {
          Path cache = work.resolve("cache-" + round + "/alice.duckdb");

          rebuild(proxy.endpoint(), cache);

          System.out.printf("S3 faults round %d: %d requests, %d answered 500, %d delayed%n", round,
              proxy.requests(), proxy.errors(), proxy.delayed());
          assertThat(proxy.errors()).isGreaterThan(5);
          assertThat(proxy.delayed()).isGreaterThan(5);
          assertThat(rows(cache)).isEqualTo(rows(reference)).hasSizeGreaterThan(samples().size());
        }
      }
    }
  }

  @Test
  void persistent500sFailTheRebuildClearlyAndKeepThePreviousCache() throws Exception {
    try (S3ProxyServer server = serverWithCorpus(work.resolve("s3"));
        FaultyHttpProxy proxy = new FaultyHttpProxy(server.endpoint(), (n, line) -> line.startsWith("GET /media/archive/")
            ? FaultyHttpProxy.Fault.ERROR_500 : FaultyHttpProxy.Fault.PASS, 0)) {
      Path cache = work.resolve("cache/alice.duckdb");
      rebuild(server.endpoint(), cache);
      Set<String> rows = rows(cache);

      Throwable failure = catchThrowable(() -> rebuild(proxy.endpoint(), cache));

      assertThat(failure).isNotNull();
      assertThat(describe(failure)).containsPattern(
          "the rebuild of s3://media/archive failed: s3://media/archive/[^ ]+: the storage failed \\(.*Status Code: 500.*\\);"
              + " the job stops rather than leave it out");
      assertThat(rows(cache)).isEqualTo(rows);
      rebuild(server.endpoint(), cache);
      assertThat(rows(cache)).isEqualTo(rows);
    }
  }

  @Test
  void aHandOffWhoseUploadsFailIsNamedInTheErrorAndTheRunIsRemoved() throws Exception {
    try (S3ProxyServer server = serverWithCorpus(work.resolve("s3"));
        software.amazon.awssdk.services.s3.S3Client s3 = server.client();
        // the shards' uploads fail; the check before the pipeline (its probe object) passes
        FaultyHttpProxy proxy = new FaultyHttpProxy(server.endpoint(), (n, line) -> line.startsWith("PUT /media/alice-parquet/")
            && !line.contains(".alice-write-check") ? FaultyHttpProxy.Fault.ERROR_500 : FaultyHttpProxy.Fault.PASS, 0)) {
      Path cache = work.resolve("cache/alice.duckdb");

      Throwable failure = catchThrowable(() -> RebuildPipeline.run(new RebuildConfig(List.of(ROOT), cache,
          "s3://media/alice-parquet", false), S3ProxyServer.options(proxy.endpoint()),
          new PrintStream(PrintStream.nullOutputStream())));

      assertThat(failure).isNotNull();
      assertThat(describe(failure)).containsPattern("the rebuild of s3://media/archive failed writing its Parquet"
          + " hand-off s3://media/alice-parquet/run-[^ :]+: .*500");
      assertThat(cache).doesNotExist();
      assertThat(s3.listObjectsV2(b -> b.bucket("media").prefix("alice-parquet/")).contents())
          .as("the failed run's objects").isEmpty();
    }
  }

  @Test
  void aServerStoppedMidRebuildFailsItAndTheRebuildAfterItIsBackRestoresTheRows() throws Exception {
    Path cache = work.resolve("cache/alice.duckdb");
    Set<String> rows;
    Throwable failure;
    int seen;
    try (S3ProxyServer server = serverWithCorpus(work.resolve("s3-1"))) {
      rebuild(server.endpoint(), cache);
      rows = rows(cache);
      try (FaultyHttpProxy proxy = new FaultyHttpProxy(server.endpoint(), new StopAfter(server, 6), 0)) {
        failure = catchThrowable(() -> rebuild(proxy.endpoint(), cache));
        seen = proxy.requests();
      }
    }
    assertThat(seen).as("the server stopped after some objects were read").isGreaterThanOrEqualTo(6);
    assertThat(failure).isNotNull();
    assertThat(describe(failure)).containsPattern(
        "the rebuild of s3://media/archive failed: s3://media/archive/[^ ]+: the storage failed \\(.+\\);"
            + " the job stops rather than leave it out");
    assertThat(rows(cache)).isEqualTo(rows);

    try (S3ProxyServer back = serverWithCorpus(work.resolve("s3-2"))) {
      rebuild(back.endpoint(), cache);
    }
    assertThat(rows(cache)).isEqualTo(rows);
  }

  /** Every {@code every}th distinct request fails with 500 the first time it is asked, every fourth is slow. */
  private static final class FirstAttemptFails implements FaultyHttpProxy.Policy {
    private final Set<String> seen = new java.util.HashSet<>();
    private final int every;

    FirstAttemptFails(int every) {
      this.every = every;
    }

    @Override
    public synchronized FaultyHttpProxy.Fault decide(int n, String request) {
      if (seen.add(request) && seen.size() % every == 0) {
        return FaultyHttpProxy.Fault.ERROR_500;
      }
      return n % 4 == 0 ? FaultyHttpProxy.Fault.DELAY : FaultyHttpProxy.Fault.PASS;
    }
  }

  /**
   * Passes requests until the {@code n}th read of an object (a ranged GET, after the listing), which stops the
   * server and is dropped, as is every request after it.
   */
  private static final class StopAfter implements FaultyHttpProxy.Policy {
    private final S3ProxyServer server;
    private final int n;
    private int reads;

    StopAfter(S3ProxyServer server, int n) {
      this.server = server;
      this.n = n;
    }

    @Override
    public synchronized FaultyHttpProxy.Fault decide(int request, String line) {
      if (line.contains(" bytes=") && ++reads == n) {
        try {
          server.close();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return reads >= n ? FaultyHttpProxy.Fault.DROP : FaultyHttpProxy.Fault.PASS;
    }
  }

  /** A fresh S3Proxy holding every corpus file under {@code s3://media/archive/}. */
  static S3ProxyServer serverWithCorpus(Path dir) throws Exception {
    java.nio.file.Files.createDirectories(dir);
    S3ProxyServer server = S3ProxyServer.start(dir);
    try (S3Client s3 = server.client()) {
      s3.createBucket(b -> b.bucket("media"));
      for (Path file : samples()) {
        String key = "archive/" + file.getParent().getFileName() + "/" + file.getFileName();
        s3.putObject(b -> b.bucket("media").key(key), RequestBody.fromFile(file));
      }
    }
    return server;
  }

  /** The project's sample media (a few of every kind, one damaged): enough objects, few requests. */
  static List<Path> samples() throws java.io.IOException {
    Path samples = HardeningCorpus.samples().toAbsolutePath().normalize();
    return HardeningCorpus.originals().stream().filter(p -> p.toAbsolutePath().normalize().startsWith(samples))
        .toList();
  }

  private static void rebuild(URI endpoint, Path cache) throws Exception {
    RebuildPipeline.run(new RebuildConfig(List.of(ROOT), cache, RebuildConfig.defaultParquetDir(cache), false),
        S3ProxyServer.options(endpoint), new PrintStream(PrintStream.nullOutputStream()));
  }

  /** The message chain of a failure, as the command line would print it and more. */
  static String describe(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  /** The cache's rows that come from the files: locations, tags, errors. */
  static Set<String> rows(Path cache) throws Exception {
    Set<String> rows = new TreeSet<>();
    HostileInputTest.column(cache, "SELECT content_hash || ' ' || path FROM locations").forEach(r -> rows.add("L " + r));
    HostileInputTest.column(cache, "SELECT content_hash || ' ' || category || ':' || value FROM tags")
        .forEach(r -> rows.add("T " + r));
    HostileInputTest.column(cache, "SELECT path || ' ' || reason FROM errors").forEach(r -> rows.add("E " + r));
    return rows;
  }
}
