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
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Print the metadata embedded in each file, and its content hash.",
      "",
      "The content hash is computed from the media and compared with the one embedded in the file.",
      "A content hash instead of a file prints what the cache knows: the metadata, the tags and",
      "every location with its state.",
      ""
    })
final class ShowCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Parameters(paramLabel = "FILE|HASH", arity = "1..*",
      description = "Media files, or content hashes (sha256:..., or 8+ hex digits) to show from the cache.")
  List<String> targets;

  @Option(names = "--cache", paramLabel = "FILE", defaultValue = "alice.duckdb",
      description = "The DuckDB cache for HASH arguments (default: ${DEFAULT-VALUE}).")
  Path cache;

  @Option(names = "--json", description = "Print a JSON array, one object per file.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    int failures = 0;
    ArrayNode all = JSON.createArrayNode();
    for (String target : targets) {
      if (CachedAssetView.isHash(target)) {
        failures += CachedAssetView.show(cache, target, json ? all : null);
        continue;
      }
      Path file = Path.of(target);
      try (MediaSource source = ChannelMediaSource.open(file)) {
        Inspection seen = MediaInspector.inspect(source, true);
        if (json) {
          all.add(toJson(file, seen));
        } else {
          print(file, seen);
        }
      } catch (UnsupportedFormatException e) {
        showForeign(file, json ? all : null); // not ours to write, but Tika may read it
      } catch (Exception | Error e) { // one file's failure, even a parser's Error, is that file's line
        System.err.println("alice show: " + Reasons.printable(file.toString()) + ": " + Reasons.of(e));
        failures++;
      }
    }
    if (json) {
      System.out.println(JSON.writeValueAsString(all));
    }
    return failures == 0 ? 0 : 1;
  }

  /** A format alice has no codec for: what Tika reads, and that alice will not write it. */
  private static void showForeign(Path file, ArrayNode json) throws java.io.IOException {
    ForeignFormat.Facts facts = ForeignFormat.read(file);
    if (json != null) {
      ObjectNode node = JSON.createObjectNode();
      node.put("path", file.toString());
      node.put("mime", facts.mime());
      node.put("size_bytes", java.nio.file.Files.size(file));
      node.put("writable", false);
      node.set("standard", JSON.valueToTree(facts.facts()));
      node.put("note", facts.note());
      json.add(node);
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

  private static ObjectNode toJson(Path file, Inspection seen) throws Exception {
    ObjectNode node = JSON.createObjectNode();
    node.put("path", file.toString());
    node.put("format", seen.format().name().toLowerCase(java.util.Locale.ROOT));
    node.put("mime", seen.format().mime());
    node.put("size_bytes", seen.sizeBytes());
    node.put("writable", seen.format().writable());
    node.put("content_hash", seen.contentHash());
    node.put("hash_source", seen.hashSource().name().toLowerCase(java.util.Locale.ROOT));
    node.put("embedded_hash", seen.embeddedHash());
    node.put("embedded_hash_matches", seen.embeddedHash() != null && !seen.hashMismatch());
    node.set("metadata", seen.metadata() == null ? null : JSON.readTree(seen.metadata().toJson()));
    return node;
  }

  private static void print(Path file, Inspection seen) {
    System.out.println(Reasons.printable(file.toString()));
    row("format", seen.format().name().toLowerCase(java.util.Locale.ROOT) + " (" + seen.format().mime() + "), "
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
    row("description", m.description());
    row("keywords", String.join(", ", m.keywords()));
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
