package ai.alicemultiverse.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The smallest honest stand-in for the GCS JSON API that Beam's GCS filesystem needs to match, read
 * and write objects, on loopback (no GCS emulator can be installed here). It serves, from memory:
 *
 * <ul>
 *   <li>{@code GET /storage/v1/b/BUCKET/o?prefix=P&delimiter=D&pageToken=T} — objects.list, paged,
 *       with {@code prefixes} for a delimiter;
 *   <li>{@code GET /storage/v1/b/BUCKET/o/NAME} — objects.get (metadata);
 *   <li>{@code GET [/download]/storage/v1/b/BUCKET/o/NAME?alt=media} with {@code Range: bytes=a-b},
 *       {@code bytes=a-} or {@code bytes=-n} — media download, 206 with Content-Range;
 *   <li>{@code POST /upload/storage/v1/b/BUCKET/o?uploadType=resumable&name=N}, then {@code PUT}s of
 *       its chunks — objects.insert as a resumable upload (what Beam's write channel uses);
 *   <li>{@code POST /batch/storage/v1} holding objects.get, objects.rewrite, objects.copy and
 *       objects.delete — how Beam renames its temporary files and deletes objects.
 * </ul>
 *
 * Anything else is answered 501 and recorded, so a test sees when Beam starts asking for more than
 * this serves.
 */
public final class GcsJsonApiStandIn implements AutoCloseable {
  private static final Pattern OBJECTS = Pattern.compile("(?:/download)?/storage/v1/b/([^/]+)/o(?:/(.+))?");
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
  private static final Pattern UPLOADS = Pattern.compile("/upload/storage/v1/b/([^/]+)/o");
  /** {@code bytes FIRST-LAST/TOTAL}, {@code bytes FIRST-LAST/*} (more to come) or {@code bytes *}{@code /TOTAL}. */
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (?:(\\d+)-(\\d+)|\\*)/(\\d+|\\*)");
  private static final String UPDATED = "2025-06-01T12:00:00.000Z";
  static final int PAGE_SIZE = 2; // small, so that paging is exercised

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, NavigableMap<String, byte[]>> buckets = new ConcurrentHashMap<>();
  /** Resumable uploads in progress: upload id to the bytes received so far. */
  private final Map<String, ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final ExecutorService workers = Executors.newFixedThreadPool(4);
  private final HttpServer server;

  public GcsJsonApiStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(workers);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public void put(String bucket, String name, byte[] content) {
    buckets.computeIfAbsent(bucket, b -> new ConcurrentSkipListMap<>()).put(name, content);
  }

  /** The names of a bucket's objects under a prefix, in name order. */
  public List<String> names(String bucket, String prefix) {
    return buckets.getOrDefault(bucket, new ConcurrentSkipListMap<>()).keySet().stream()
        .filter(n -> n.startsWith(prefix)).toList();
  }

  /**
   * "METHOD path?query [Range] [Content-Range]" of every request, in arrival order; each request in a
   * batch also as "BATCH METHOD path".
   */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String range = exchange.getRequestHeaders().getFirst("Range");
      String contentRange = exchange.getRequestHeaders().getFirst("Content-Range");
      requests.add(exchange.getRequestMethod() + " " + uri.getRawPath()
          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + (range == null ? "" : " " + range)
          + (contentRange == null ? "" : " " + contentRange));
      Map<String, String> query = query(uri.getRawQuery());
      Matcher upload = UPLOADS.matcher(uri.getRawPath());
      if (upload.matches() && "resumable".equals(query.get("uploadType"))) {
        upload(exchange, decode(upload.group(1)), query, contentRange);
        return;
      }
      if (uri.getRawPath().equals("/batch/storage/v1") && exchange.getRequestMethod().equals("POST")) {
        batch(exchange);
        return;
      }
      Matcher path = OBJECTS.matcher(uri.getRawPath());
      if (!exchange.getRequestMethod().equals("GET") || !path.matches()) {
        error(exchange, 501, "not served by this stand-in: " + exchange.getRequestMethod() + " " + uri.getRawPath());
        return;
      }
      String bucket = decode(path.group(1));
      NavigableMap<String, byte[]> objects = buckets.get(bucket);
      if (objects == null) {
        error(exchange, 404, "The specified bucket does not exist.");
        return;
      }
      if (path.group(2) == null) {
        list(exchange, bucket, objects, query);
        return;
      }
      String name = decode(path.group(2));
      byte[] content = objects.get(name);
      if (content == null) {
        error(exchange, 404, "No such object: " + bucket + "/" + name);
      } else if ("media".equals(query.get("alt"))) {
        media(exchange, content, range);
      } else {
        send(exchange, 200, resource(bucket, name, content));
      }
    } catch (RuntimeException e) {
      error(exchange, 500, e.toString());
    }
  }

  /**
   * A resumable upload as the JSON API documents it: the POST that starts it answers with the
   * session's URL in {@code Location}; each PUT to that URL carries the next chunk with a
   * {@code Content-Range}, answered 308 with the {@code Range} received so far, and the last one
   * (its total known) stores the object and answers its resource. {@code ifGenerationMatch=0}
   * (only if absent) is honoured at the start.
   */
  private void upload(HttpExchange exchange, String bucket, Map<String, String> query, String contentRange)
      throws IOException {
    NavigableMap<String, byte[]> objects = buckets.get(bucket);
    String name = query.get("name");
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (objects == null) {
      error(exchange, 404, "The specified bucket does not exist.");
      return;
    }
    String id = query.get("upload_id");
    if (id == null) { // start: the body is the object's metadata
      if ("0".equals(query.get("ifGenerationMatch")) && objects.containsKey(name)) {
        error(exchange, 412, "At least one of the pre-conditions you specified did not hold.");
        return;
      }
      id = UUID.randomUUID().toString();
      uploads.put(id, new ByteArrayOutputStream());
      exchange.getResponseHeaders().set("Location", endpoint() + "/upload/storage/v1/b/" + bucket
          + "/o?uploadType=resumable&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
          + "&upload_id=" + id);
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    ByteArrayOutputStream received = uploads.get(id);
    Matcher m = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange);
    if (received == null || m == null || !m.matches()) {
      error(exchange, received == null ? 404 : 400, "no such upload, or a bad Content-Range: " + contentRange);
      return;
    }
    if (m.group(1) != null && Long.parseLong(m.group(1)) != received.size()) {
      error(exchange, 400, "chunk starts at " + m.group(1) + ", " + received.size() + " bytes received");
      return;
    }
    received.write(body);
    if (m.group(3).equals("*") || received.size() < Long.parseLong(m.group(3))) {
      if (received.size() > 0) {
        exchange.getResponseHeaders().set("Range", "bytes=0-" + (received.size() - 1));
      }
      exchange.sendResponseHeaders(308, -1);
      return;
    }
    uploads.remove(id);
    byte[] content = received.toByteArray();
    objects.put(name, content);
    send(exchange, 200, resource(bucket, name, content));
  }

  /** One answer inside a batch: a status and a JSON body, or none. */
  private record Answer(int status, String reason, ObjectNode body) {}

  /**
   * A batch ({@code multipart/mixed}, one {@code application/http} request per part), as Beam sends
   * its copies, rewrites and deletes: each part is answered in its own part, in order. Served
   * inside: objects.get, objects.delete, objects.rewrite and objects.copy within this stand-in's buckets.
   */
  private void batch(HttpExchange exchange) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    Matcher b = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(type == null ? "" : type);
    if (!b.find()) {
      error(exchange, 400, "a batch needs a multipart/mixed boundary");
      return;
    }
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    String boundary = "batch_response";
    for (String part : body.split("--" + Pattern.quote(b.group(1)))) {
      int start = part.indexOf("\r\n\r\n"); // after the part's own headers: the HTTP request
      if (part.isBlank() || part.startsWith("--") || start < 0) {
        continue;
      }
      String request = part.substring(start + 4);
      String[] line = request.substring(0, request.indexOf("\r\n")).split(" ");
      String path = URI.create(line[1]).getRawPath();
      requests.add("BATCH " + line[0] + " " + path);
      Answer answer = batched(line[0], path);
      byte[] json = answer.body() == null ? new byte[0] : this.json.writeValueAsBytes(answer.body());
      out.append("--").append(boundary).append("\r\nContent-Type: application/http\r\n\r\n")
          .append("HTTP/1.1 ").append(answer.status()).append(' ').append(answer.reason()).append("\r\n")
          .append("Content-Type: application/json; charset=UTF-8\r\nContent-Length: ").append(json.length)
          .append("\r\n\r\n").append(new String(json, StandardCharsets.UTF_8)).append("\r\n");
    }
    byte[] bytes = out.append("--").append(boundary).append("--\r\n").toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "multipart/mixed; boundary=" + boundary);
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static final Pattern COPY = Pattern.compile(
      "/storage/v1/b/([^/]+)/o/([^/]+)/(rewriteTo|copyTo)/b/([^/]+)/o/([^/]+)");

  private Answer batched(String method, String rawPath) {
    Matcher copy = COPY.matcher(rawPath);
    if (method.equals("POST") && copy.matches()) {
      byte[] content = buckets.getOrDefault(decode(copy.group(1)), new ConcurrentSkipListMap<>())
          .get(decode(copy.group(2)));
      NavigableMap<String, byte[]> to = buckets.get(decode(copy.group(4)));
      if (content == null || to == null) {
        return notFound();
      }
      String bucket = decode(copy.group(4));
      String name = decode(copy.group(5));
      to.put(name, content);
      ObjectNode resource = resource(bucket, name, content);
      if (copy.group(3).equals("copyTo")) {
        return new Answer(200, "OK", resource);
      }
      ObjectNode rewrite = json.createObjectNode().put("kind", "storage#rewriteResponse")
          .put("totalBytesRewritten", String.valueOf(content.length)).put("objectSize", String.valueOf(content.length))
          .put("done", true);
      rewrite.set("resource", resource);
      return new Answer(200, "OK", rewrite);
    }
    Matcher object = OBJECTS.matcher(rawPath);
    if (method.equals("GET") && object.matches() && object.group(2) != null) {
      String bucket = decode(object.group(1));
      String name = decode(object.group(2));
      byte[] content = buckets.getOrDefault(bucket, new ConcurrentSkipListMap<>()).get(name);
      return content == null ? notFound() : new Answer(200, "OK", resource(bucket, name, content));
    }
    if (method.equals("DELETE") && object.matches() && object.group(2) != null) {
      NavigableMap<String, byte[]> objects = buckets.get(decode(object.group(1)));
      return objects != null && objects.remove(decode(object.group(2))) != null
          ? new Answer(204, "No Content", null) : notFound();
    }
    ObjectNode body = json.createObjectNode();
    body.putObject("error").put("code", 501).put("message", "not served by this stand-in: " + method + " " + rawPath);
    return new Answer(501, "Not Implemented", body);
  }

  private Answer notFound() {
    ObjectNode body = json.createObjectNode();
    body.putObject("error").put("code", 404).put("message", "No such object.");
    return new Answer(404, "Not Found", body);
  }

  /**
   * objects.list as the JSON API documents it: names starting with {@code prefix}, in name order;
   * with a {@code delimiter}, a name that contains it after the prefix is rolled up into
   * {@code prefixes} (its name up to and including the first delimiter, once), the others stay in
   * {@code items}. A page holds at most {@link #PAGE_SIZE} items and prefixes together, and its token
   * resumes after the last name it covered (every name under a rolled-up prefix included).
   */
  private void list(HttpExchange exchange, String bucket, NavigableMap<String, byte[]> objects,
      Map<String, String> query) throws IOException {
    String prefix = query.getOrDefault("prefix", "");
    String delimiter = query.get("delimiter");
    String after = query.get("pageToken");
    ObjectNode page = json.createObjectNode().put("kind", "storage#objects");
    ArrayNode items = page.putArray("items");
    ArrayNode prefixes = json.createArrayNode();
    NavigableMap<String, byte[]> rest = after == null ? objects.tailMap(prefix, true) : objects.tailMap(after, false);
    String last = null;
    String rolledUp = null;
    for (Map.Entry<String, byte[]> object : rest.entrySet()) {
      String name = object.getKey();
      if (!name.startsWith(prefix)) {
        break; // names are in order: past the prefix
      }
      if (rolledUp != null && name.startsWith(rolledUp)) {
        last = name; // already in prefixes
        continue;
      }
      if (items.size() + prefixes.size() == PAGE_SIZE) {
        page.put("nextPageToken", last);
        break;
      }
      int cut = delimiter == null || delimiter.isEmpty() ? -1 : name.indexOf(delimiter, prefix.length());
      if (cut >= 0) {
        rolledUp = name.substring(0, cut + delimiter.length());
        prefixes.add(rolledUp);
      } else {
        items.add(resource(bucket, name, object.getValue()));
      }
      last = name;
    }
    if (!prefixes.isEmpty()) {
      page.set("prefixes", prefixes);
    }
    send(exchange, 200, page);
  }

  private void media(HttpExchange exchange, byte[] content, String range) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
    exchange.getResponseHeaders().set("x-goog-generation", "1");
    exchange.getResponseHeaders().set("x-goog-metageneration", "1");
    exchange.getResponseHeaders().set("x-goog-stored-content-length", String.valueOf(content.length));
    if (range == null) {
      exchange.sendResponseHeaders(200, content.length == 0 ? -1 : content.length);
      exchange.getResponseBody().write(content);
      return;
    }
    Matcher m = RANGE.matcher(range);
    if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
      error(exchange, 400, "bad Range header: " + range);
      return;
    }
    long start;
    long end;
    if (m.group(1).isEmpty()) { // suffix: the last n bytes
      start = Math.max(0, content.length - Long.parseLong(m.group(2)));
      end = content.length - 1L;
    } else {
      start = Long.parseLong(m.group(1));
      end = m.group(2).isEmpty() ? content.length - 1L : Math.min(Long.parseLong(m.group(2)), content.length - 1L);
    }
    if (start >= content.length) {
      exchange.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
      error(exchange, 416, "The requested range cannot be satisfied.");
      return;
    }
    exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + content.length);
    exchange.sendResponseHeaders(206, end - start + 1);
    exchange.getResponseBody().write(content, (int) start, (int) (end - start + 1));
  }

  private ObjectNode resource(String bucket, String name, byte[] content) {
    return json.createObjectNode()
        .put("kind", "storage#object")
        .put("id", bucket + "/" + name + "/1")
        .put("selfLink", endpoint() + "/storage/v1/b/" + bucket + "/o/" + name)
        .put("name", name)
        .put("bucket", bucket)
        .put("generation", "1")
        .put("metageneration", "1")
        .put("contentType", "application/octet-stream")
        .put("size", String.valueOf(content.length))
        .put("md5Hash", md5(content))
        .put("timeCreated", UPDATED)
        .put("updated", UPDATED)
        .put("storageClass", "STANDARD");
  }

  private void error(HttpExchange exchange, int code, String message) throws IOException {
    ObjectNode body = json.createObjectNode();
    body.putObject("error").put("code", code).put("message", message);
    send(exchange, code, body);
  }

  private void send(HttpExchange exchange, int code, ObjectNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(code, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return params;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String md5(byte[] content) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
