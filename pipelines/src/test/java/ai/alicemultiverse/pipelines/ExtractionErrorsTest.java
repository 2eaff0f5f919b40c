package ai.alicemultiverse.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.alicemultiverse.beam.ExtractMedia;
import ai.alicemultiverse.beam.ExtractMediaFn;
import ai.alicemultiverse.model.FileError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that cannot be read land in the errors table with their path and the reason; the job finishes. */
class ExtractionErrorsTest {
  @TempDir Path work;

  Path rebuild(Path root) throws IOException {
    Path cache = work.resolve("cache/alice.duckdb");
    RebuildPipeline.run(new RebuildConfig(List.of(root.toString()), cache, RebuildConfig.defaultParquetDir(cache), false),
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create(),
        new PrintStream(PrintStream.nullOutputStream()));
    return cache;
  }

  @Test
  void truncatedFilesAreErrorsAndTheRestIsIndexed() throws Exception {
    Path root = Files.createDirectories(work.resolve("media"));
    Path whole = root.resolve("whole.png");
    Files.copy(Samples.dir().resolve("inbox/pattern.png"), whole);
    byte[] png = Files.readAllBytes(whole);
    Files.write(root.resolve("cut.png"), java.util.Arrays.copyOf(png, png.length / 2));
    Path cache = rebuild(root);
    List<List<String>> errors = CacheRows.query(cache, "SELECT path, stage, reason FROM errors");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get(0)).isEqualTo(root.resolve("cut.png").toString());
    assertThat(errors.get(0).get(1)).isEqualTo("extract");
    assertThat(errors.get(0).get(2)).isNotBlank();
    assertThat(CacheRows.single(cache, "SELECT count(*) FROM assets")).isEqualTo("1");
  }

  @Test
  void unreadableFilesAreErrors() throws Exception {
    Path root = Files.createDirectories(work.resolve("locked"));
    Path locked = root.resolve("locked.png");
    Files.copy(Samples.dir().resolve("inbox/pattern.png"), locked);
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(locked), "running as root: file permissions do not block reads here");
    Path cache = rebuild(root);
    assertThat(CacheRows.query(cache, "SELECT path, stage, reason FROM errors"))
        .containsExactly(List.of(locked.toString(), "extract", "permission denied"));
  }

  @Test
  void aFileThatVanishesBetweenMatchAndReadIsAnError() throws Exception {
    Path file = work.resolve("gone.png");
    Files.copy(Samples.dir().resolve("inbox/pattern.png"), file);
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    PCollectionTuple out = pipeline
        .apply("Match", FileIO.match().filepattern(file.toString()))
        .apply("Open", FileIO.readMatches())
        .apply("DeleteBeforeRead", ParDo.of(new DeleteFn()))
        .apply("ExtractMedia", ExtractMedia.fast());
    PAssert.that(out.get(ExtractMediaFn.RECORDS)).satisfies(records -> {
      if (records.iterator().hasNext()) {
        throw new AssertionError("a vanished file must not be indexed");
      }
      return null;
    });
    String path = file.toString();
    PAssert.that(out.get(ExtractMediaFn.ERRORS)).satisfies(errors -> {
      // plain strings: what fails in here is serialized back to the test
      List<String> seen = new ArrayList<>();
      errors.forEach(e -> seen.add(e.path() + " | " + e.stage() + " | " + e.reason()));
      List<String> expected = List.of(path + " | extract | vanished during the scan");
      if (!seen.equals(expected)) {
        throw new AssertionError("expected errors " + expected + " but got " + seen);
      }
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  /** Stands in for another process deleting the file after the listing saw it. */
  static class DeleteFn extends DoFn<FileIO.ReadableFile, FileIO.ReadableFile> {
    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<FileIO.ReadableFile> out) throws IOException {
      Files.delete(Path.of(file.getMetadata().resourceId().toString()));
      out.output(file);
    }
  }
}
