package ai.alicemultiverse.hardening;

import ai.alicemultiverse.codec.BytesMediaSource;
import ai.alicemultiverse.codec.Codecs;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.extract.TikaExtractor;
import ai.alicemultiverse.media.Inspection;
import ai.alicemultiverse.media.MediaInspector;
import ai.alicemultiverse.xmp.AliceMetadata;
import ai.alicemultiverse.xmp.AliceXmp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The hostile-input campaign's child JVM (started with a small heap by {@link HostileInputTest}): runs every
 * codec operation the product runs on a file (detect, read XMP, inspect fast and verifying, standard metadata,
 * write XMP and read the result back) on each mutant. Each outcome must be success or an IOException. Prints
 * one {@code FAIL} line per other outcome (saving the mutant), and a {@code SUMMARY} line.
 *
 * <p>Arguments: seed, first mutant, count, folder for failing mutants, per-case timeout in seconds.
 */
public final class MutationCampaign {
  private MutationCampaign() {}

  public static void main(String[] args) throws Exception {
    long seed = Long.parseLong(args[0]);
    int first = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    Path failed = Files.createDirectories(Path.of(args[3]));
    long timeout = Long.parseLong(args[4]);
    Mutator mutator = new Mutator(originals(), seed);
    String packet = AliceXmp.write(null, AliceMetadata.builder().description("hostile").build()
        .withTag("style", "fuzz"));
    Map<Mutator.Operator, Integer> byOperator = new EnumMap<>(Mutator.Operator.class);
    int succeeded = 0;
    int refused = 0;
    int writesNotReadable = 0;
    int failures = 0;
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(null, r, "mutant", 0); // the default thread stack, as in a Beam worker
      t.setDaemon(true);
      return t;
    });
    for (int i = first; i < first + count; i++) {
      Mutator.Mutant m = mutator.mutant(i);
      byOperator.merge(m.operator(), 1, Integer::sum);
      Future<Outcome> future = worker.submit(() -> exercise(m.bytes(), packet));
      Outcome outcome;
      try {
        outcome = future.get(timeout, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        save(failed, m);
        System.out.println("FAIL " + m.describe() + ": no answer within " + timeout + " s (hang)");
        System.out.flush();
        System.exit(3); // a hung thread cannot be stopped; the campaign ends here
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        outcome = new Outcome(0, 0, false, e.getCause());
      }
      if (outcome.unexpected() != null) {
        failures++;
        save(failed, m);
        System.out.println("FAIL " + m.describe() + ": " + trace(outcome.unexpected()));
      } else {
        succeeded += outcome.succeeded();
        refused += outcome.ioExceptions();
        writesNotReadable += outcome.writeNotReadable() ? 1 : 0;
      }
    }
    System.out.println("SUMMARY mutants=" + count + " operations_ok=" + succeeded + " ioexceptions=" + refused
        + " writes_refused_by_verification=" + writesNotReadable + " failures=" + failures
        + " operators=" + byOperator);
  }

  record Outcome(int succeeded, int ioExceptions, boolean writeNotReadable, Throwable unexpected) {}

  /** Everything that throws other than an IOException is caught by the caller as the unexpected outcome. */
  static Outcome exercise(byte[] file, String packet) {
    int ok = 0;
    int io = 0;
    boolean writeNotReadable = false;
    try {
      BytesMediaSource source = new BytesMediaSource(file);
      ContainerCodec codec;
      try {
        codec = Codecs.forSource(source);
        ok++;
      } catch (IOException e) {
        return new Outcome(ok, io + 1, false, null);
      }
      try {
        codec.readXmp(source).ifPresent(p -> {});
        ok++;
      } catch (IOException e) {
        io++;
      }
      try {
        MediaInspector.inspect(source, false);
        ok++;
      } catch (IOException e) {
        io++;
      }
      Inspection seen = null;
      try {
        seen = MediaInspector.inspect(source, true);
        ok++;
      } catch (IOException e) {
        io++;
      }
      if (seen != null) {
        TikaExtractor.extract(source, seen.format()); // what rebuild runs next; it must not throw at all
        ok++;
      }
      byte[] written = null;
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.writeXmp(source, packet, out);
        written = out.toByteArray();
        ok++;
      } catch (IOException e) {
        io++;
      }
      if (written != null) {
        // What SafeFileWriter's verification does: a write that does not read back is refused there.
        try {
          Inspection after = MediaInspector.inspect(new BytesMediaSource(written), true);
          writeNotReadable = seen != null && !after.contentHash().equals(seen.contentHash());
        } catch (IOException e) {
          writeNotReadable = true;
        }
      }
      return new Outcome(ok, io, writeNotReadable, null);
    } catch (RuntimeException | Error e) {
      return new Outcome(ok, io, writeNotReadable, e);
    }
  }

  private static List<Mutator.Original> originals() throws IOException {
    List<Mutator.Original> all = new ArrayList<>();
    for (Path p : HardeningCorpus.originals()) {
      all.add(new Mutator.Original(p.getParent().getFileName() + "/" + p.getFileName(), HardeningCorpus.extension(p),
          Files.readAllBytes(p)));
    }
    return all;
  }

  private static void save(Path folder, Mutator.Mutant m) {
    try {
      Files.write(folder.resolve("mutant-" + m.index() + "." + m.extension()), m.bytes());
    } catch (IOException e) {
      System.out.println("(could not save mutant " + m.index() + ": " + e + ")");
    }
  }

  private static String trace(Throwable e) {
    StringBuilder s = new StringBuilder(e.toString());
    StackTraceElement[] frames = e.getStackTrace();
    for (int k = 0; k < Math.min(6, frames.length); k++) {
      s.append(" | at ").append(frames[k]);
    }
    return s.toString();
  }
}
