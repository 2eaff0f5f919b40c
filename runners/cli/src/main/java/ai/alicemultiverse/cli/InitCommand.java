package ai.alicemultiverse.cli;

import ai.alicemultiverse.library.LibraryFile;
import ai.alicemultiverse.library.StarterFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Write a commented starter library file (alice.toml).",
      "",
      "The library file names the cache and the locations (folders, s3:// and gs:// prefixes) that make it, "
          + "so rebuild, scan, verify and watch need no PATHs. An existing file is never replaced without --force.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  alice init                                   # ./alice.toml, locations as comments to fill in",
      "  alice init --location ~/Pictures/ai --location s3://media/ai",
      "  alice init ~/.config/alice/alice.toml        # found from any working folder"
    })
final class InitCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", arity = "0..1",
      description = "Where to write it (default: alice.toml in the working folder; a folder gets an alice.toml).")
  Path file;

  @Option(names = "--location", paramLabel = "PATH",
      description = "A location to list (repeatable): a folder, s3://bucket/prefix or gs://bucket/prefix.")
  List<String> locations = new ArrayList<>();

  @Option(names = "--force", description = "Replace a file already there.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    Path target = (file != null ? file : Path.of(LibraryFile.FILE_NAME)).toAbsolutePath().normalize();
    if (Files.isDirectory(target)) {
      target = target.resolve(LibraryFile.FILE_NAME);
    }
    StarterFile.write(target, locations, force);
    LibraryFile written = LibraryFile.read(target);
    System.out.println("wrote " + target + " (" + written.locations().size() + " location(s)); "
        + (written.locations().isEmpty() ? "add a [[location]], then run 'alice rebuild'"
            : "'alice rebuild' now rebuilds the cache from them"));
    return 0;
  }
}
