package ai.alicemultiverse.xmp;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.codec.XmpPacket;
import ai.alicemultiverse.testing.Vectors;
import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPMeta;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AliceXmpTest {
  private static final String CAM = "http://example.com/ns/camera/1.0/";
  private static final String ST_EVT = "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#";

  /** The x:xmpmeta element as it sits in the file's bytes (the JPEG codec is not used here). */
  static String xmpmetaIn(byte[] file) {
    String latin1 = new String(file, StandardCharsets.ISO_8859_1);
    int start = latin1.indexOf("<x:xmpmeta");
    int end = latin1.indexOf("</x:xmpmeta>", start);
    assertThat(start).as("x:xmpmeta start").isGreaterThanOrEqualTo(0);
    assertThat(end).as("x:xmpmeta end").isGreaterThan(start);
    return new String(file, start, end + "</x:xmpmeta>".length() - start, StandardCharsets.UTF_8);
  }

  @Test
  void readsTheXmpExiftoolWroteIntoTaggedJpg() throws Exception {
    String xml = xmpmetaIn(Vectors.bytes("tagged.jpg"));
    AliceMetadata m = AliceXmp.read(XmpPacket.of(xml));
    assertThat(m.description()).isEqualTo("cyberpunk portrait");
    assertThat(m.keywords()).containsExactly("neon", "portrait");
    assertThat(m.creators()).containsExactly("Midjourney");
    assertThat(m.creatorTool()).isNull();
    assertThat(m.tags()).isEmpty();
    assertThat(m.contentHash()).isNull();
    assertThat(m.generation()).isNull();
  }

  @Test
  void writeThenReadGivesBackEveryField() throws Exception {
    AliceMetadata m = Fixtures.full();
    String xml = AliceXmp.write(null, m);
    assertThat(AliceXmp.read(XmpPacket.of(xml))).isEqualTo(m);
    // The same through a packet that other tools filled first.
    String over = AliceXmp.write(XmpPacket.of(Fixtures.FOREIGN), m);
    assertThat(AliceXmp.read(XmpPacket.of(over))).isEqualTo(m);
  }

  @Test
  void writesTheDocumentedLayout() throws Exception {
    XMPMeta x = AliceXmp.parseSafely(AliceXmp.write(null, Fixtures.full()));
    assertThat(x.getLocalizedText(XMPConst.NS_DC, "description", "", "x-default").getValue())
        .isEqualTo("A neon city at night,\r\nrain\ton glass <&> \"quotes\" ünï 😀");
    assertThat(items(x, XMPConst.NS_DC, "subject"))
        .containsExactly(
            "city", "night", "rain", "neon pink", "teal", "moody", "dark", "cyberpunk",
            "photoreal");
    assertThat(x.getProperty(XMPConst.NS_DC, "subject").getOptions().isArrayOrdered()).isFalse();
    assertThat(items(x, XMPConst.NS_DC, "creator")).containsExactly("Midjourney", "Ada Lovelace");
    assertThat(x.getProperty(XMPConst.NS_DC, "creator").getOptions().isArrayOrdered()).isTrue();
    assertThat(x.getPropertyString(XMPConst.NS_XMP, "CreatorTool")).isEqualTo("alice 0.1.0");
    String ns = AliceXmp.NS;
    assertThat(x.getPropertyString(ns, "content_hash")).isEqualTo("sha256:" + "ab".repeat(32));
    assertThat(x.getPropertyString(ns, "metadata_version")).isEqualTo("2");
    assertThat(x.getPropertyString(ns, "processed_at")).isEqualTo("2024-05-01T10:00:05Z");
    assertThat(x.getStructField(ns, "understanding", ns, "generated_prompt").getValue())
        .isEqualTo("cyberpunk street, rain, neon, night");
    assertThat(items(x, ns, "understanding/alice:tags/alice:style"))
        .containsExactly("cyberpunk", "photoreal");
    assertThat(x.getStructField(ns, "understanding/alice:provider_outputs[1]", ns, "cost").getValue())
        .isEqualTo("4.2E-4");
    assertThat(x.getStructField(ns, "generation/alice:parameters[4]", ns, "name").getValue())
        .isEqualTo("ünïcode/key");
    assertThat(x.getStructField(ns, "generation", ns, "negative_prompt").getValue())
        .isEqualTo("daylight, blur");
  }

  @Test
  void keepsEveryForeignPropertyWithItsValue() throws Exception {
    String out = AliceXmp.write(XmpPacket.of(Fixtures.FOREIGN), Fixtures.full());
    XMPMeta x = AliceXmp.parseSafely(out);
    assertThat(x.getPropertyString("http://ns.adobe.com/photoshop/1.0/", "Credit"))
        .isEqualTo("Studio Example");
    assertThat(x.getPropertyString(XMPConst.NS_XMP_MM, "DocumentID")).isEqualTo("xmp.did:1234");
    assertThat(x.countArrayItems(XMPConst.NS_XMP_MM, "History")).isEqualTo(2);
    assertThat(x.getStructField(XMPConst.NS_XMP_MM, "History[1]", ST_EVT, "action").getValue())
        .isEqualTo("created");
    assertThat(x.getStructField(XMPConst.NS_XMP_MM, "History[1]", ST_EVT, "when").getValue())
        .isEqualTo("2023-01-02T03:04:05Z");
    assertThat(x.getStructField(XMPConst.NS_XMP_MM, "History[2]", ST_EVT, "instanceID").getValue())
        .isEqualTo("xmp.iid:bbbb");
    assertThat(x.getStructField(CAM, "Rig", CAM, "Lens").getValue()).isEqualTo("50mm f/1.4");
    assertThat(x.getStructField(CAM, "Rig", CAM, "Serial").getValue()).isEqualTo("SN-42");
    assertThat(x.getLocalizedText(XMPConst.NS_DC, "rights", "", "x-default").getValue())
        .isEqualTo("(c) Example");
    // The translation stays; the default text is replaced.
    assertThat(x.getLocalizedText(XMPConst.NS_DC, "description", "de", "de-DE").getValue())
        .isEqualTo("alter Text");
    assertThat(x.getLocalizedText(XMPConst.NS_DC, "description", "", "x-default").getValue())
        .startsWith("A neon city");
    // Unknown alice properties are kept; owned ones are rebuilt without stale fields.
    assertThat(x.getPropertyString(AliceXmp.NS, "future_field")).isEqualTo("kept by alice too");
    assertThat(x.getPropertyString(AliceXmp.NS, "content_hash")).isEqualTo("sha256:" + "ab".repeat(32));
    assertThat(x.doesStructFieldExist(AliceXmp.NS, "understanding", AliceXmp.NS, "stale_field"))
        .isFalse();
    assertThat(items(x, XMPConst.NS_DC, "subject")).doesNotContain("old keyword");
    assertThat(out).doesNotContain("stale understanding", "gone after write", "old text");
  }

  @Test
  void nullFieldsAreRemovedFromThePacket() throws Exception {
    String full = AliceXmp.write(XmpPacket.of(Fixtures.FOREIGN), Fixtures.full());
    String bare = AliceXmp.write(XmpPacket.of(full), AliceMetadata.builder().build());
    XMPMeta x = AliceXmp.parseSafely(bare);
    assertThat(x.doesPropertyExist(XMPConst.NS_DC, "description")).isFalse();
    assertThat(x.doesPropertyExist(XMPConst.NS_DC, "subject")).isFalse();
    assertThat(x.doesPropertyExist(XMPConst.NS_DC, "creator")).isFalse();
    assertThat(x.doesPropertyExist(XMPConst.NS_XMP, "CreatorTool")).isFalse();
    assertThat(x.doesPropertyExist(XMPConst.NS_DC, "title")).isFalse();
    assertThat(x.doesPropertyExist(XMPConst.NS_XMP, "Rating")).isFalse();
    assertThat(x.doesPropertyExist(AliceXmp.LIGHTROOM_NS, "hierarchicalSubject")).isFalse();
    for (String owned :
        List.of("content_hash", "processed_at", "metadata_version", "understanding", "generation")) {
      assertThat(x.doesPropertyExist(AliceXmp.NS, owned)).as(owned).isFalse();
    }
    assertThat(x.getPropertyString(AliceXmp.NS, "future_field")).isEqualTo("kept by alice too");
    assertThat(x.getStructField(CAM, "Rig", CAM, "Serial").getValue()).isEqualTo("SN-42");
    assertThat(AliceXmp.read(XmpPacket.of(bare))).isEqualTo(AliceMetadata.builder().build());
  }

  @Test
  void removingATagRemovesItFromDcSubject() throws Exception {
    AliceMetadata m =
        AliceMetadata.builder()
            .keywords(List.of("portrait"))
            .addTag("style", "cyberpunk")
            .addTag("colors", "neon")
            .build();
    String first = AliceXmp.write(null, m);
    assertThat(items(AliceXmp.parseSafely(first), XMPConst.NS_DC, "subject"))
        .containsExactly("portrait", "neon", "cyberpunk");
    assertThat(items(AliceXmp.parseSafely(first), AliceXmp.LIGHTROOM_NS, "hierarchicalSubject"))
        .containsExactly("colors|neon", "style|cyberpunk");

    AliceMetadata read = AliceXmp.read(XmpPacket.of(first));
    assertThat(read.keywords()).containsExactly("portrait");
    String second = AliceXmp.write(XmpPacket.of(first), read.withoutTag("colors", "neon"));
    XMPMeta x = AliceXmp.parseSafely(second);
    assertThat(items(x, XMPConst.NS_DC, "subject")).containsExactly("portrait", "cyberpunk");
    assertThat(items(x, AliceXmp.LIGHTROOM_NS, "hierarchicalSubject")).containsExactly("style|cyberpunk");
    assertThat(x.doesPropertyExist(AliceXmp.NS, "understanding/alice:tags/alice:colors")).isFalse();
    assertThat(AliceXmp.read(XmpPacket.of(second)).tags())
        .containsExactly(Map.entry("style", List.of("cyberpunk")));
  }

  @Test
  void writingIsDeterministicAndStable() throws Exception {
    AliceMetadata m = Fixtures.full();
    String a = AliceXmp.write(XmpPacket.of(Fixtures.FOREIGN), m);
    String b = AliceXmp.write(XmpPacket.of(Fixtures.FOREIGN), m);
    assertThat(b).isEqualTo(a);
    // Writing the same metadata into our own output changes nothing.
    assertThat(AliceXmp.write(XmpPacket.of(a), m)).isEqualTo(a);
    String fresh = AliceXmp.write(null, m);
    assertThat(AliceXmp.write(XmpPacket.of(fresh), m)).isEqualTo(fresh);
    // Same content built in another order serializes the same.
    AliceMetadata reordered =
        m.toBuilder().tags(Map.of()).addTag("mood", "moody").addTag("mood", "dark")
            .addTag("style", "cyberpunk").addTag("style", "photoreal")
            .addTag("colors", "neon pink").addTag("colors", "teal").build();
    assertThat(reordered).isEqualTo(m);
    assertThat(AliceXmp.write(null, reordered)).isEqualTo(fresh);
  }

  @Test
  void packetIsWrappedUtf8WithPadding() throws Exception {
    String xml = AliceXmp.write(null, Fixtures.full());
    assertThat(xml).startsWith("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>");
    assertThat(xml).endsWith("<?xpacket end=\"w\"?>");
    assertThat(xml).contains("xmlns:alice=\"http://alicemultiverse.ai/ns/1.0/\"");
    String tail = xml.substring(xml.indexOf("</x:xmpmeta>") + "</x:xmpmeta>".length(),
        xml.indexOf("<?xpacket end"));
    assertThat(tail).isBlank();
    assertThat(tail.length()).isBetween(2048, 2200);
    // Text survives UTF-8 encoding byte for byte.
    byte[] utf8 = xml.getBytes(StandardCharsets.UTF_8);
    assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo(xml);
  }

  @Test
  void readsStandardFieldsInOtherToolsForms() throws Exception {
    String xml =
        """
        <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
         <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
           xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="GIMP 2.10">
          <dc:description><rdf:Alt><rdf:li xml:lang="fr">un chat</rdf:li>
            <rdf:li xml:lang="en">a cat</rdf:li></rdf:Alt></dc:description>
          <dc:subject><rdf:Bag><rdf:li>cat</rdf:li><rdf:li>cat</rdf:li><rdf:li> pet </rdf:li></rdf:Bag></dc:subject>
          <dc:creator><rdf:Seq><rdf:li>B</rdf:li><rdf:li>A</rdf:li></rdf:Seq></dc:creator>
         </rdf:Description></rdf:RDF></x:xmpmeta>""";
    AliceMetadata m = AliceXmp.read(XmpPacket.of(xml));
    assertThat(m.description()).isEqualTo("un chat");
    assertThat(m.keywords()).containsExactly("cat", "pet");
    assertThat(m.creators()).containsExactly("B", "A");
    assertThat(m.creatorTool()).isEqualTo("GIMP 2.10");
    // Writing over them gives the standard forms.
    String out = AliceXmp.write(XmpPacket.of(xml), m.toBuilder().description("a dog").build());
    XMPMeta x = AliceXmp.parseSafely(out);
    assertThat(x.getLocalizedText(XMPConst.NS_DC, "description", "", "x-default").getValue())
        .isEqualTo("a dog");
    assertThat(items(x, XMPConst.NS_DC, "subject")).containsExactly("cat", "pet");
  }

  @Test
  void writesOverADescriptionInAnOddForm() throws Exception {
    String xml =
        """
        <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
         <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <dc:description><rdf:Bag><rdf:li>one</rdf:li><rdf:li>two</rdf:li></rdf:Bag></dc:description>
         </rdf:Description></rdf:RDF></x:xmpmeta>""";
    assertThat(AliceXmp.read(XmpPacket.of(xml)).description()).isEqualTo("one");
    AliceMetadata m = AliceMetadata.builder().description("fixed").build();
    assertThat(AliceXmp.read(XmpPacket.of(AliceXmp.write(XmpPacket.of(xml), m)))).isEqualTo(m);
  }

  @Test
  void alicePropertiesOfTheWrongFormReadAsAbsent() throws Exception {
    String xml =
        """
        <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
         <rdf:Description rdf:about="" xmlns:alice="http://alicemultiverse.ai/ns/1.0/"
           alice:understanding="just text" alice:metadata_version="two">
          <alice:generation rdf:parseType="Resource">
           <alice:prompt>kept</alice:prompt>
           <alice:cost>cheap</alice:cost>
           <alice:parameters>not a seq</alice:parameters>
          </alice:generation>
          <alice:content_hash><rdf:Bag><rdf:li>x</rdf:li></rdf:Bag></alice:content_hash>
         </rdf:Description></rdf:RDF></x:xmpmeta>""";
    AliceMetadata m = AliceXmp.read(XmpPacket.of(xml));
    assertThat(m.metadataVersion()).isNull();
    assertThat(m.contentHash()).isNull();
    assertThat(m.understandingDescription()).isNull();
    assertThat(m.generation().prompt()).isEqualTo("kept");
    assertThat(m.generation().cost()).isNull();
    assertThat(m.generation().parameters()).isEmpty();
  }

  @Test
  void mergesAnExtendedXmpPair() throws Exception {
    String big = "long description ".repeat(8000); // ~136 KB, too big for one APP1 segment
    String main =
        """
        <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
         <rdf:Description rdf:about="" xmlns:xmpNote="http://ns.adobe.com/xmp/note/"
           xmlns:dc="http://purl.org/dc/elements/1.1/"
           xmpNote:HasExtendedXMP="0123456789ABCDEF0123456789ABCDEF">
          <dc:subject><rdf:Bag><rdf:li>main keyword</rdf:li></rdf:Bag></dc:subject>
         </rdf:Description></rdf:RDF></x:xmpmeta>""";
    String extension =
        """
        <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
         <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
           xmlns:alice="http://alicemultiverse.ai/ns/1.0/" alice:content_hash="sha256:ext">
          <dc:description><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:description>
         </rdf:Description></rdf:RDF></x:xmpmeta>"""
            .formatted(big);
    XmpPacket pair = new XmpPacket(main, extension);
    AliceMetadata m = AliceXmp.read(pair);
    assertThat(m.description()).isEqualTo(big);
    assertThat(m.keywords()).containsExactly("main keyword");
    assertThat(m.contentHash()).isEqualTo("sha256:ext");

    String merged = AliceXmp.write(pair, m.toBuilder().metadataVersion(1).build());
    assertThat(merged).doesNotContain("HasExtendedXMP");
    AliceMetadata back = AliceXmp.read(XmpPacket.of(merged));
    assertThat(back.description()).isEqualTo(big);
    assertThat(back.metadataVersion()).isEqualTo(1);
  }

  static List<String> items(XMPMeta x, String ns, String path) throws Exception {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= x.countArrayItems(ns, path); i++) {
      out.add(x.getArrayItem(ns, path, i).getValue());
    }
    return out;
  }
}
