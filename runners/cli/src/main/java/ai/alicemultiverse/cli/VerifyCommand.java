package ai.alicemultiverse.cli;

import ai.alicemultiverse.io.Reasons;
import ai.alicemultiverse.library.JobScope;
import ai.alicemultiverse.pipelines.CacheVerifier;
import ai.alicemultiverse.pipelines.ProgressLine;
import ai.alicemultiverse.pipelines.ProgressReporter;
import ai.alicemultiverse.search.CacheFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.io.FileSystems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check that the cache still describes the files; exit 1 on any drift.",
      "",
      "Every local copy still exists, still holds the media of its content hash (recomputed from the "
          + "payload, on every core) and still carries the metadata the cache read. With ROOTs, only copies "
          + "under them are checked, and media files there that the cache does not know are listed too: a "
          + "copy gone from its path whose media is found again under a ROOT is reported as moved. Prints "
          + "each difference, with progress on stderr while it runs; exits 1 when there is any.",
      "S3 and GCS copies are read in full to be checked (mind the transfer costs): an s3:// or gs:// ROOT "
          + "checks the copies under it and lists it for new and moved objects; --objects, without ROOTs, "
          + "checks every copy the cache lists.",
      ""
    },
    footer = {"",
      "With no ROOT and a library file (--config FILE, else ./alice.toml, else "
          + "$XDG_CONFIG_HOME/alice/alice.toml; 'alice init' writes one), its locations are the ROOTs and its "
          + "cache is used unless --cache is given. With neither, every local copy in the cache is checked.",
      "",
      "Examples:",
      "  alice verify                                # the locations of alice.toml",
      "  alice verify ~/Pictures/ai && echo cache is current",
      "  alice verify s3://media/archive --s3-region eu-west-1",
      "  alice verify --objects                      # every copy, local and in buckets"})
final class VerifyCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ROOT", arity = "0..*",
      description = "Folders, s3://bucket/prefix or gs://bucket/prefix to check (default: the library file's"
          + " locations, else every local copy).")
  List<String> roots = new ArrayList<>();

  @Option(names = "--cache", paramLabel = "FILE",
      description = "The DuckDB cache (default: the library file's cache, else alice.duckdb).")
  Path cache;

  @Mixin LibraryOption library = new LibraryOption();

  @Option(names = "--objects",
      description = "Without ROOTs, check every S3 and GCS copy too: each object is read in full to recompute"
          + " its hash.")
  boolean objects;

  @Option(names = {"-j", "--json"},
      description = "Print a JSON array, one object per difference: SourceFile, drift (its kind) and detail;"
          + " [] when the cache matches the files. The exit code is the same.")
  boolean json;

  @Mixin StorageOptions storageOptions = new StorageOptions();

  @Override
  public Integer call() throws Exception {
    JobScope scope = library.scopeWithOptionalRoots(roots, cache, storageOptions.flags());
    CacheVerifier.Roots under = CacheVerifier.Roots.parse(scope.roots());
    try (Connection db = CacheFiles.openReadOnly(scope.cacheFile())) {
      if (objects || !under.prefixes().isEmpty()) {
        FileSystems.setDefaultPipelineOptions(BeamArgs.parse(scope.storage().withBeamArgs(List.of())));
      }
      CacheVerifier verifier = new CacheVerifier(db, Runtime.getRuntime().availableProcessors(), objects);
      List<CacheVerifier.Drift> drift;
      try (ProgressReporter ignored = new ProgressReporter(
          seconds -> ProgressLine.counted("verifying", verifier.checked(), verifier.toCheck(), "", seconds),
          System.err, System.console() != null, 2000)) {
        drift = verifier.verify(under);
      }
      if (json) {
        JsonOutput out = new JsonOutput();
        drift.forEach(d -> out.file(d.path()).put("drift", d.kind().name().toLowerCase(Locale.ROOT))
            .put("detail", d.detail()));
        out.print();
      } else {
        for (CacheVerifier.Drift d : drift) {
          System.out.printf("%-10s %s: %s%n", d.kind().name().toLowerCase(Locale.ROOT), Reasons.printable(d.path()),
              Reasons.printable(d.detail()));
        }
        System.out.println(drift.isEmpty() ? "no drift: the cache matches the files"
            : drift.size() + " difference(s); 'alice rebuild' brings the cache up to date");
      }
      if (verifier.objectsNotChecked() > 0) {
        (json ? System.err : System.out).println(verifier.objectsNotChecked() + " S3/GCS copies not checked"
            + (scope.roots().isEmpty() ? " (--objects reads and checks them)" : " (they are not under the ROOTs)"));
      }
      return drift.isEmpty() ? 0 : 1;
    }
  }
}
