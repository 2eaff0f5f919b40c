package ai.alicemultiverse.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.pipelines.RebuildConfig;
import ai.alicemultiverse.pipelines.RebuildPipeline;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * XMP with a DTD, external entities or a billion-laughs bomb, embedded in real containers (JPEG APP1, PNG
 * iTXt): rebuild refuses each file with an error row and fetches nothing (a loopback server the entities point
 * at must see no request).
 */
@Timeout(180)
class HostileXmpTest {
  @TempDir Path work;

  @Test
  void rebuildRefusesHostileXmpWithoutReadingAnything() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      byte[] body = "<!ENTITY leaked 'x'>".getBytes(StandardCharsets.US_ASCII);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort();
      Map<String, String> packets = Map.of(
          "external-entity", "<!DOCTYPE x:xmpmeta [<!ENTITY leak SYSTEM \"" + url + "/leak\">]>" + body("&leak;"),
          "external-dtd", "<!DOCTYPE x:xmpmeta SYSTEM \"" + url + "/dtd\">" + body("dtd"),
          "billion-laughs", laughs() + body("&lol9;"),
          "local-file", "<!DOCTYPE x:xmpmeta [<!ENTITY f SYSTEM \"file:///etc/hostname\">]>" + body("&f;"));
      Path root = Files.createDirectories(work.resolve("media"));
      byte[] jpeg = Files.readAllBytes(HardeningCorpus.vectors().resolve("plain.jpg"));
      byte[] png = Files.readAllBytes(HardeningCorpus.vectors().resolve("plain.png"));
      for (Map.Entry<String, String> p : packets.entrySet()) {
        byte[] xmp = ("<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>" + p.getValue() + "<?xpacket end='w'?>")
            .getBytes(StandardCharsets.UTF_8);
        byte[] app1 = Mutator.jpegSegment(0xE1,
            Mutator.concat("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1), xmp));
        Files.write(root.resolve(p.getKey() + ".jpg"), Mutator.insert(jpeg, 2, app1));
        byte[] itxt = Mutator.pngChunk("iTXt",
            Mutator.concat("XML:com.adobe.xmp\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1), xmp));
        Files.write(root.resolve(p.getKey() + ".png"), Mutator.insert(png, 33, itxt)); // after IHDR
      }
      Path cache = work.resolve("cache/alice.duckdb");
      RebuildPipeline.run(new RebuildConfig(List.of(root.toString()), cache, RebuildConfig.defaultParquetDir(cache),
              false),
          PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create(),
          new PrintStream(PrintStream.nullOutputStream()));

      assertThat(HostileInputTest.column(cache, "SELECT path FROM locations")).isEmpty();
      assertThat(HostileInputTest.column(cache,
              "SELECT path FROM errors WHERE stage = 'extract' AND reason LIKE '%declares a DTD or entity%'"))
          .hasSize(2 * packets.size());
      assertThat(requests.get()).as("requests the entities made").isZero();
    } finally {
      server.stop(0);
    }
  }

  private static String body(String description) {
    return "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:description>"
        + "<rdf:Alt><rdf:li xml:lang=\"x-default\">" + description + "</rdf:li></rdf:Alt></dc:description>"
        + "</rdf:Description></rdf:RDF></x:xmpmeta>";
  }

  private static String laughs() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE x:xmpmeta [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      for (int k = 0; k < 10; k++) {
        dtd.append("&lol").append(i - 1).append(';');
      }
      dtd.append("\">");
    }
    return dtd.append("]>").toString();
  }
}
