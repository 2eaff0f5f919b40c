package ai.alicemultiverse.codec.isobmff;

import ai.alicemultiverse.testing.InMemoryCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Shared fixtures: the vectors this codec handles, an XMP packet, box builders. */
final class IsoBmffTesting {
  static final List<String> VECTORS =
      List.of("plain.mp4", "tagged.mp4", "plain.mov", "tagged.mov", "plain.m4a", "tagged.m4a");

  private IsoBmffTesting() {}

  /** A small x:xmpmeta document with an alice property and a dc:description. */
  static String packet(String description) {
    return """
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about=""
            xmlns:dc="http://purl.org/dc/elements/1.1/"
            xmlns:alice="http://alicemultiverse.ai/ns/1.0/"
            alice:Project="multiverse">
           <dc:description>
            <rdf:Alt>
             <rdf:li xml:lang="x-default">%s</rdf:li>
            </rdf:Alt>
           </dc:description>
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        """.formatted(description);
  }

  static byte[] write(byte[] file, String xmp) throws IOException {
    return new InMemoryCodec(new IsoBmffCodec()).write(file, xmp);
  }

  static byte[] box(String type, byte[]... payloads) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] payload : payloads) {
      body.writeBytes(payload);
    }
    return ByteBuffer.allocate(8 + body.size())
        .putInt(8 + body.size())
        .put(type.getBytes(StandardCharsets.ISO_8859_1))
        .put(body.toByteArray())
        .array();
  }
}
