package ai.alicemultiverse.cli;

import ai.alicemultiverse.io.Reasons;
import ai.alicemultiverse.io.SafeFileWriter;
import ai.alicemultiverse.media.MetadataEmbedder;
import ai.alicemultiverse.xmp.AliceMetadata;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "tag",
    mixinStandardHelpOptions = true,
    description = {
      "Write tags, a title, a rating and a description into the files themselves (XMP, no sidecars).",
      "",
      "Tags also become dc:subject keywords and lr:hierarchicalSubject entries (the tag style:noir is written "
          + "as style|noir), so other tools see them: Lightroom and digiKam show them under their category. "
          + "--remove takes both away; other tools' hierarchical keywords are kept. Each file is written to a "
          + "temporary copy, verified and then swapped in; permissions are kept and the modification time "
          + "becomes the time of the write (so backups and watchers notice; -P keeps the old one). Running "
          + "the same command twice changes nothing the second time. A symbolic link is written through: "
          + "the line names the file the link points to.",
      ""
    },
    footer = {"", "Examples:",
      "  alice tag render.png --add style:noir --add mood:dark --description \"Neon\"",
      "  alice tag render.png --title \"Neon alley\" --rating 4",
      "  alice tag -r ~/Pictures/ai/2025-03 --add project:spring --json"})
final class TagCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Media files to write into, or folders with -r.")
  List<Path> files;

  @Option(names = {"-r", "--recurse"}, description = FileArguments.RECURSE_HELP)
  boolean recurse;

  @Option(names = {"-j", "--json"},
      description = "Print a JSON array, one object per file: SourceFile, written (true or false), written_to"
          + " (the file a link points to) and warnings; a file that failed is {SourceFile, Error}.")
  boolean json;

  @Option(names = "--add", paramLabel = "CATEGORY:VALUE",
      description = "Add a tag, e.g. style:watercolor (categories: style, mood, subject, colors, ...).")
  List<String> add = new ArrayList<>();

  @Option(names = "--remove", paramLabel = "CATEGORY:VALUE", description = "Remove a tag.")
  List<String> remove = new ArrayList<>();

  @Option(names = "--description", paramLabel = "TEXT", description = "Set dc:description.")
  String description;

  @Option(names = "--title", paramLabel = "TEXT", description = "Set dc:title (an empty TEXT removes it).")
  String title;

  @Option(names = "--rating", paramLabel = "N",
      description = "Set xmp:Rating: 1 to 5 stars, 0 for no rating, -1 for rejected (as Lightroom and digiKam).")
  Integer rating;

  @Option(names = {"-P", "--preserve-mtime"},
      description = "Keep each file's modification time (as ExifTool -P). Then a backup that compares size "
          + "and time (rsync -a, many sync tools) and a watcher may miss the edit: the XMP padding often "
          + "keeps the size too.")
  boolean preserveMtime;

  @Override
  public Integer call() {
    List<String[]> adds = parse(add);
    List<String[]> removes = parse(remove);
    if (adds.isEmpty() && removes.isEmpty() && description == null && title == null && rating == null) {
      throw new IllegalArgumentException("nothing to write: give --add, --remove, --description, --title or --rating");
    }
    if (rating != null && !AliceMetadata.isRating(rating)) {
      throw new IllegalArgumentException("--rating " + rating + " is not a rating: give 1 to 5 stars, 0 for no rating"
          + " or -1 for rejected");
    }
    JsonOutput out = new JsonOutput();
    int[] failures = {0};
    List<Path> targets = FileArguments.expand(files, recurse, (folder, e) -> {
      failed(out, folder, Reasons.printable(folder.toString()) + ": " + Reasons.of(e));
      failures[0]++;
    });
    for (Path file : targets) {
      try {
        MetadataEmbedder.Result result = MetadataEmbedder.embed(file, m -> apply(m, adds, removes),
            preserveMtime ? SafeFileWriter.Mtime.KEEP : SafeFileWriter.Mtime.UPDATE);
        if (json) {
          ObjectNode node = out.file(file.toString()).put("written", result.changed());
          String target = linkTarget(file);
          if (target != null) {
            node.put("written_to", target);
          }
          result.warnings().forEach(node.withArray("warnings")::add);
        } else {
          System.out.println((result.changed() ? "wrote     " : "unchanged ") + Reasons.printable(shown(file)));
        }
        result.warnings().forEach(w -> System.err.println("alice tag: warning: " + Reasons.printable(w)));
      } catch (Exception | Error e) { // one file's failure, even a parser's Error, is that file's line
        failed(out, file, ErrorHandler.describe(e));
        failures[0]++;
      }
    }
    if (json) {
      out.print();
    }
    return failures[0] == 0 ? 0 : 1;
  }

  private void failed(JsonOutput out, Path file, String reason) {
    System.err.println("alice tag: " + reason + " (file left as it was)");
    if (json) {
      out.error(file.toString(), reason);
    }
  }

  /** A link is written through, so the user is told which file that is. */
  private static String shown(Path file) {
    String target = linkTarget(file);
    return target == null ? file.toString() : file + " -> " + target;
  }

  private static String linkTarget(Path file) {
    if (!Files.isSymbolicLink(file)) {
      return null;
    }
    try {
      return file.toRealPath().toString();
    } catch (IOException e) {
      return null; // written a moment ago; a link changed since then needs no explanation here
    }
  }

  private AliceMetadata apply(AliceMetadata m, List<String[]> adds, List<String[]> removes) {
    AliceMetadata.Builder b = m.toBuilder();
    for (String[] tag : adds) {
      b.addTag(tag[0], tag[1]);
    }
    for (String[] tag : removes) {
      b.removeTag(tag[0], tag[1]);
    }
    if (description != null) {
      b.description(description);
    }
    if (title != null) {
      b.title(title);
    }
    if (rating != null) {
      b.rating(rating);
    }
    return b.build();
  }

  static List<String[]> parse(List<String> tags) {
    List<String[]> parsed = new ArrayList<>();
    for (String tag : tags) {
      int colon = tag.indexOf(':');
      if (colon <= 0 || colon == tag.length() - 1) {
        throw new IllegalArgumentException("tag '" + tag + "' must be CATEGORY:VALUE, e.g. style:" + tag);
      }
      parsed.add(new String[] {tag.substring(0, colon).trim(), tag.substring(colon + 1).trim()});
    }
    return parsed;
  }
}
