package ai.alicemultiverse.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP/1.1 proxy on loopback in front of a real server, deciding per request whether to pass it on,
 * delay it, answer 500, or drop it. One request per connection: the request is forwarded with {@code
 * Connection: close} (not a signed header in AWS SigV4), so every request gets its own decision.
 */
final class FaultyHttpProxy implements AutoCloseable {
  enum Fault { PASS, DELAY, ERROR_500, DROP }

  /**
   * Decides the fault of request number {@code n} (from 1); {@code request} is its request line and the
   * range it asks for, e.g. "GET /bucket/key HTTP/1.1 bytes=0-8191" (a retry asks the same again).
   */
  @FunctionalInterface
  interface Policy {
    Fault decide(int n, String request);
  }

  private static final byte[] ERROR_BODY = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError"
      + "</Code><Message>We encountered an internal error. Please try again.</Message></Error>")
      .getBytes(StandardCharsets.UTF_8);

  private final URI upstream;
  private final Policy policy;
  private final long delayMillis;
  private final ServerSocket listener;
  private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "faulty-proxy");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();
  private final AtomicInteger delayed = new AtomicInteger();

  FaultyHttpProxy(URI upstream, Policy policy, long delayMillis) throws IOException {
    this.upstream = upstream;
    this.policy = policy;
    this.delayMillis = delayMillis;
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    workers.execute(this::acceptLoop);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  int requests() {
    return requests.get();
  }

  int errors() {
    return errors.get();
  }

  int delayed() {
    return delayed.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        workers.execute(() -> serve(client));
      } catch (IOException | java.util.concurrent.RejectedExecutionException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      String head = readHead(in);
      if (head == null) {
        return;
      }
      byte[] body = in.readNBytes(contentLength(head));
      String request = head.substring(0, head.indexOf("\r\n")) + range(head);
      Fault fault = policy.decide(requests.incrementAndGet(), request);
      switch (fault) {
        case DROP -> {
          return;
        }
        case ERROR_500 -> {
          errors.incrementAndGet();
          OutputStream out = client.getOutputStream();
          out.write(("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/xml\r\nContent-Length: "
              + ERROR_BODY.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(ERROR_BODY);
          out.flush();
          return;
        }
        case DELAY -> {
          delayed.incrementAndGet();
          Thread.sleep(delayMillis);
        }
        case PASS -> { }
      }
      try (Socket server = new Socket(upstream.getHost(), upstream.getPort())) {
        OutputStream toServer = server.getOutputStream();
        toServer.write(withConnectionClose(head).getBytes(StandardCharsets.ISO_8859_1));
        toServer.write(body);
        toServer.flush();
        server.getInputStream().transferTo(client.getOutputStream());
      }
    } catch (IOException | InterruptedException e) {
      // the client or the server went away: the connection just ends, as it would without us
    }
  }

  /** The request line and headers up to the blank line, or null when the client closed first. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    for (int b; (b = in.read()) >= 0; ) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static String range(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("range:")) {
        return " " + line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "";
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return 0;
  }

  private static String withConnectionClose(String head) {
    StringBuilder out = new StringBuilder();
    for (String line : head.split("\r\n")) {
      if (!line.isEmpty() && !line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
        out.append(line).append("\r\n");
      }
    }
    return out.append("Connection: close\r\n\r\n").toString();
  }

  /** Stops listening: new connections are refused, as by a stopped server. */
  void stopListening() throws IOException {
    listener.close();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    workers.shutdownNow();
  }
}
