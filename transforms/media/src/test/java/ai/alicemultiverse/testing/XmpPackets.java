package ai.alicemultiverse.testing;

/** Small XMP packets for round-trip tests. */
public final class XmpPackets {
  private XmpPackets() {}

  /**
   * One x:xmpmeta document, no xpacket wrapper, with {@code alice:projectId} "proj-42" (in the
   * {@code http://alicemultiverse.ai/ns/1.0/} namespace) and an x-default {@code dc:description}.
   */
  public static String small(String description) {
    return "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF"
        + " xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\""
        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
        + " xmlns:alice=\"http://alicemultiverse.ai/ns/1.0/\">"
        + "<alice:projectId>proj-42</alice:projectId>"
        + "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + description
        + "</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>";
  }
}
