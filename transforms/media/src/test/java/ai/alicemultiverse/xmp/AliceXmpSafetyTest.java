package ai.alicemultiverse.xmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.alicemultiverse.codec.XmpPacket;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMetaFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken packets: refused with XmpFormatException, never followed or expanded. */
class AliceXmpSafetyTest {
  private static final String RDF_OPEN =
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF"
          + " xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description"
          + " rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">";
  private static final String RDF_CLOSE = "</rdf:Description></rdf:RDF></x:xmpmeta>";

  private static String withDescription(String text) {
    return RDF_OPEN
        + "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">"
        + text
        + "</rdf:li></rdf:Alt></dc:description>"
        + RDF_CLOSE;
  }

  static String billionLaughs(String doctype) {
    StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n" + doctype + " lolz [\n");
    dtd.append(" <!ENTITY lol \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      String prev = i == 1 ? "&lol;" : "&lol" + (i - 1) + ";";
      dtd.append(" <!ENTITY lol").append(i).append(" \"").append(prev.repeat(10)).append("\">\n");
    }
    dtd.append("]>\n");
    return dtd + withDescription("&lol9;");
  }

  @Test
  void refusesBillionLaughs() {
    for (String doctype : List.of("<!DOCTYPE", "<!doctype", "<!DocType")) {
      String hostile = billionLaughs(doctype);
      assertThatThrownBy(() -> AliceXmp.parseSafely(hostile))
          .isInstanceOf(XmpFormatException.class)
          .hasMessageContaining("DTD");
      assertThatThrownBy(() -> AliceXmp.read(XmpPacket.of(hostile)))
          .isInstanceOf(XmpFormatException.class);
    }
  }

  @Test
  void refusesAnExternalEntityAndNeverReadsIt(@TempDir Path dir) throws Exception {
    // A file of our own stands in for /etc/passwd so the test does not depend on the host.
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    for (String target : List.of("file:///etc/passwd", secret.toUri().toString())) {
      String hostile =
          "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + target + "\">]>" + withDescription("&xxe;");
      Throwable thrown = catchThrowable(() -> AliceXmp.read(XmpPacket.of(hostile)));
      assertThat(thrown).isInstanceOf(XmpFormatException.class);
      assertThat(String.valueOf(thrown.getMessage())).doesNotContain("root:", "TOP-SECRET");
      // A bare ENTITY declaration (no DOCTYPE) is refused too, before any parser sees it.
      String bare = "<!ENTITY xxe SYSTEM \"" + target + "\">" + withDescription("x");
      assertThatThrownBy(() -> AliceXmp.parseSafely(bare)).isInstanceOf(XmpFormatException.class);
      // And the extension half of an Extended XMP pair gets the same checks.
      assertThatThrownBy(() -> AliceXmp.read(new XmpPacket(withDescription("ok"), hostile)))
          .isInstanceOf(XmpFormatException.class);
      assertThatThrownBy(() -> AliceXmp.write(new XmpPacket(withDescription("ok"), hostile),
              AliceMetadata.builder().build()))
          .isInstanceOf(XmpFormatException.class);
    }
  }

  @Test
  void xmpcoreItselfRefusesADoctypeSecondLineOfDefence(@TempDir Path dir) throws Exception {
    // Bypasses the pre-check: documents that the parser underneath also refuses DTDs.
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    String xxe =
        "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>" + withDescription("&xxe;");
    Throwable thrown = catchThrowable(() -> XMPMetaFactory.parseFromString(xxe));
    assertThat(thrown).isInstanceOf(XMPException.class);
    assertThat(String.valueOf(thrown.getMessage())).doesNotContain("TOP-SECRET");
    assertThat(catchThrowable(() -> XMPMetaFactory.parseFromString(billionLaughs("<!DOCTYPE"))))
        .isInstanceOf(XMPException.class);
  }

  @Test
  void refusesPacketsOver16MiB() {
    String huge = withDescription("x".repeat(17 * 1024 * 1024));
    assertThat(
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(10), () -> catchThrowable(() -> AliceXmp.parseSafely(huge))))
        .isInstanceOf(XmpFormatException.class)
        .hasMessageContaining("16 MiB");
    // Multi-byte text counts in UTF-8 bytes: 6M three-byte chars is 18 MB.
    String wide = withDescription("€".repeat(6 * 1024 * 1024));
    assertThatThrownBy(() -> AliceXmp.parseSafely(wide)).isInstanceOf(XmpFormatException.class);
  }

  @Test
  void malformedXmlIsAnXmpFormatException() {
    List<String> broken =
        List.of(
            withDescription("ok").substring(0, 120),
            RDF_OPEN + "<dc:description></dc:subject>" + RDF_CLOSE,
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\u0000\u0001</x:xmpmeta",
            "plain text, not XML",
            "");
    for (String xml : broken) {
      assertThatThrownBy(() -> AliceXmp.read(XmpPacket.of(xml)))
          .as(xml)
          .isInstanceOf(XmpFormatException.class)
          .hasMessageContaining("malformed XMP");
    }
    assertThatThrownBy(() -> AliceXmp.parseSafely(null)).isInstanceOf(XmpFormatException.class);
  }
}
