package ai.alicemultiverse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code --json} output of the per-file commands, in ExifTool's {@code -j} shape: one JSON
 * array, one object per file with {@code "SourceFile"} first, and {@code {"SourceFile": …,
 * "Error": …}} for a file that failed (the exit code still says so). Printed once, at the end, so
 * the output is always one whole JSON document.
 */
final class JsonOutput {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ArrayNode files = MAPPER.createArrayNode();

  /** A new object for {@code sourceFile}, added to the array; the caller fills in the rest. */
  ObjectNode file(String sourceFile) {
    ObjectNode node = files.addObject();
    node.put("SourceFile", sourceFile);
    return node;
  }

  /**
   * A new object for {@code sourceFile}, not added yet: for results built in steps that may fail
   * part way, so a failed file leaves only its error object.
   */
  static ObjectNode detached(String sourceFile) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("SourceFile", sourceFile);
    return node;
  }

  void add(ObjectNode node) {
    files.add(node);
  }

  /** The object for a file that could not be handled, and why. */
  void error(String sourceFile, String reason) {
    file(sourceFile).put("Error", reason);
  }

  /** Prints the array to standard output. */
  void print() {
    print(files);
  }

  /** Prints one JSON document to standard output (for reports that are not per file, e.g. stats). */
  static void print(JsonNode document) {
    try {
      System.out.println(MAPPER.writeValueAsString(document));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write JSON: " + e.getOriginalMessage(), e);
    }
  }
}
