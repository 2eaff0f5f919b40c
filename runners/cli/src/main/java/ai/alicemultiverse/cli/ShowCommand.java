package ai.alicemultiverse.cli;

import ai.alicemultiverse.codec.ChannelMediaSource;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.UnsupportedFormatException;
import ai.alicemultiverse.media.HashSource;
import ai.alicemultiverse.extract.ForeignFormat;
import ai.alicemultiverse.io.Reasons;
import ai.alicemultiverse.media.Inspection;
import ai.alicemultiverse.media.MediaInspector;
import ai.alicemultiverse.xmp.AliceMetadata;
import ai.alicemultiverse.xmp.Generation;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Print the metadata embedded in each file, and its content hash.",
      "",
      "The content hash is computed from the media and compared with the one embedded in the file. "
          + "A content hash instead of a file prints what the cache knows: the metadata, the tags and "
          + "every location with its state.",
      ""
    },
    footer = {"", "Examples:",
      "  alice show render.png",
      "  alice show -r ~/Pictures/ai --json | jq '.[] | select(.Error) | .SourceFile'",
      "  alice show 3f5a9c01"})
final class ShowCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = JsonOutput.MAPPER;

  @Parameters(paramLabel = "FILE|HASH", arity = "1..*",
      description = "Media files (folders with -r), or content hashes (sha256:..., or 8+ hex digits) to show"
          + " from the cache.")
  List<String> targets;

  @Option(names = {"-r", "--recurse"}, description = FileArguments.RECURSE_HELP)
  boolean recurse;

  @Option(names = "--cache", paramLabel = "FILE",
      description = "The DuckDB cache for HASH arguments (default: the library file's cache, else alice.duckdb).")
  Path cache;

  @Mixin LibraryOption library = new LibraryOption();

  @Option(names = {"-j", "--json"},
      description = "Print a JSON array, one object per file or hash with SourceFile first (as ExifTool -j);"
          + " a file that failed is {SourceFile, Error}.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    JsonOutput all = json ? new JsonOutput() : null;
    int[] failures = {0};
    FileArguments.requireRecurseForFolders(targets.stream().filter(t -> !CachedAssetView.isHash(t))
        .map(Path::of).toList(), recurse);
    for (String target : targets) {
      if (CachedAssetView.isHash(target)) {
        failures[0] += CachedAssetView.show(library.cache(cache), target, all);
        continue;
      }
      for (Path file : FileArguments.expand(List.of(Path.of(target)), recurse, (folder, e) -> {
        failed(all, folder, e);
        failures[0]++;
      })) {
        failures[0] += showFile(file, all);
      }
    }
    if (json) {
      all.print();
    }
    return failures[0] == 0 ? 0 : 1;
  }

  /** Shows one file; 1 when it failed. */
  private int showFile(Path file, JsonOutput all) {
    try {
      ObjectNode node = json ? JsonOutput.detached(file.toString()) : null;
      try (MediaSource source = ChannelMediaSource.open(file)) {
        Inspection seen = MediaInspector.inspect(source, true);
        if (json) {
          toJson(node, seen);
        } else {
          print(file, seen);
        }
      } catch (UnsupportedFormatException e) {
        showForeign(file, node); // not ours to write, but Tika may read it
      }
      if (json) {
        all.add(node);
      }
      return 0;
    } catch (Exception | Error e) { // one file's failure, even a parser's Error, is that file's line
      failed(all, file, e);
      return 1;
    }
  }

  private static void failed(JsonOutput json, Path file, Throwable e) {
    System.err.println("alice show: " + Reasons.printable(file.toString()) + ": " + Reasons.of(e));
    if (json != null) {
      json.error(file.toString(), Reasons.of(e));
    }
  }

  /** A format alice has no codec for: what Tika reads, and that alice will not write it. */
  private static void showForeign(Path file, ObjectNode node) throws java.io.IOException {
    ForeignFormat.Facts facts = ForeignFormat.read(file);
    if (node != null) {
      node.put("mime", facts.mime());
      node.put("size_bytes", java.nio.file.Files.size(file));
      node.put("writable", false);
      node.set("standard", JSON.valueToTree(facts.facts()));
      node.put("note", facts.note());
      return;
    }
    System.out.println(Reasons.printable(file.toString()));
    row("format", facts.mime() + ", " + java.nio.file.Files.size(file) + " bytes"
        + " (read-only: alice has no lossless writer for it, so no content hash either)");
    for (Map.Entry<String, String> fact : facts.facts().entrySet()) {
      row(fact.getKey(), fact.getValue());
    }
    row("note", facts.note());
    System.out.println();
  }

  private static void toJson(ObjectNode node, Inspection seen) throws Exception {
    node.put("format", seen.format().name().toLowerCase(java.util.Locale.ROOT));
    node.put("mime", seen.mime());
    node.put("size_bytes", seen.sizeBytes());
    node.put("writable", seen.format().writable());
    node.put("content_hash", seen.contentHash());
    node.put("hash_source", seen.hashSource().name().toLowerCase(java.util.Locale.ROOT));
    node.put("embedded_hash", seen.embeddedHash());
    node.put("embedded_hash_matches", seen.embeddedHash() != null && !seen.hashMismatch());
    node.set("metadata", seen.metadata() == null ? null : JSON.readTree(seen.metadata().toJson()));
  }

  private static void print(Path file, Inspection seen) {
    System.out.println(Reasons.printable(file.toString()));
    row("format", seen.format().name().toLowerCase(java.util.Locale.ROOT) + " (" + seen.mime() + "), "
        + seen.sizeBytes() + " bytes" + (seen.format().writable() ? ""
            : " (read-only: alice indexes it but does not write its metadata)"));
    if (seen.hashSource() == HashSource.WHOLE_FILE) {
      row("hashed", "the whole file (the format has no media-data hash: any edit makes it a new asset)");
    }
    String state = seen.embeddedHash() == null ? "not embedded yet"
        : seen.hashMismatch() ? "STALE: file says " + seen.embeddedHash() : "embedded, matches";
    row("content_hash", seen.contentHash() + "  (" + state + ")");
    AliceMetadata m = seen.metadata();
    if (m == null) {
      row("metadata", "none embedded");
      System.out.println();
      return;
    }
    row("title", m.title());
    row("rating", m.rating() == null ? null : m.rating() == -1 ? "-1 (rejected)" : m.rating().toString());
    row("description", m.description());
    row("keywords", String.join(", ", m.keywords()));
    row("hierarchy", String.join(", ", m.hierarchicalKeywords())); // other tools' entries; tags are shown below
    row("creators", String.join(", ", m.creators()));
    row("creator_tool", m.creatorTool());
    for (Map.Entry<String, List<String>> category : m.tags().entrySet()) {
      row("tag " + category.getKey(), String.join(", ", category.getValue()));
    }
    row("understood", m.understandingDescription());
    row("gen. prompt", m.generatedPrompt());
    Generation g = m.generation();
    if (g != null) {
      row("provider", g.provider());
      row("model", g.model());
      row("prompt", g.prompt());
      row("generated_at", g.generatedAt());
    }
    row("processed_at", m.processedAt());
    row("version", m.metadataVersion() == null ? null : m.metadataVersion().toString());
    System.out.println();
  }

  private static void row(String name, String value) {
    if (value != null && !value.isBlank()) {
      System.out.printf("  %-13s %s%n", name, value);
    }
  }
}
