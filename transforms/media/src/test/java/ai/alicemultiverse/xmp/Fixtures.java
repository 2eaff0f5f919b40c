package ai.alicemultiverse.xmp;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Metadata and packets shared by the xmp tests. */
final class Fixtures {
  private Fixtures() {}

  /** Every field set, with text that XML and JSON must escape. */
  static AliceMetadata full() {
    TreeMap<String, String> params = new TreeMap<>();
    params.put("CFG scale", "7");
    params.put("Size", "512x512");
    params.put("sampler <name>", "DPM++ 2M & Karras");
    params.put("ünïcode/key", "\"quoted\"");
    return AliceMetadata.builder()
        .contentHash("sha256:" + "ab".repeat(32))
        .description("A neon city at night,\r\nrain\ton glass <&> \"quotes\" ünï 😀")
        .title("Neon <city> & \"rain\"")
        .rating(4)
        .keywords(List.of("city", "night", "rain"))
        .hierarchicalKeywords(List.of("places|Asia|Tokyo", "mood|moody"))
        .creators(List.of("Midjourney", "Ada Lovelace"))
        .creatorTool("alice 0.1.0")
        .tags(
            Map.of(
                "style", List.of("cyberpunk", "photoreal"),
                "mood", List.of("moody", "dark"),
                "colors", List.of("neon pink", "teal")))
        .understandingDescription("A rainy street\nlit by neon signs.")
        .generatedPrompt("cyberpunk street, rain, neon, night")
        .addProviderOutput(
            new ProviderOutput(
                "anthropic", "claude-3-haiku", "{\"tags\": [\"neon\"]}", 0.00042,
                "2024-05-01T10:00:00Z"))
        .addProviderOutput(new ProviderOutput("openai", "gpt-4o-mini", "rainy street", null, null))
        .generation(
            new Generation(
                "midjourney",
                "v6",
                "a cyberpunk street at night --ar 3:2",
                "daylight, blur",
                params,
                0.05,
                "2024-04-30T23:59:59+02:00"))
        .processedAt("2024-05-01T10:00:05Z")
        .metadataVersion(2)
        .build();
  }

  /** A packet another tool wrote: properties alice does not own, in several namespaces. */
  static final String FOREIGN =
      """
      <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
      <x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Other Tool 1.0">
       <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
        <rdf:Description rdf:about=""
          xmlns:dc="http://purl.org/dc/elements/1.1/"
          xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
          xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
          xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"
          xmlns:cam="http://example.com/ns/camera/1.0/"
          xmlns:alice="http://alicemultiverse.ai/ns/1.0/"
          photoshop:Credit="Studio Example"
          xmpMM:DocumentID="xmp.did:1234"
          alice:content_hash="sha256:old"
          alice:future_field="kept by alice too">
         <dc:description>
          <rdf:Alt>
           <rdf:li xml:lang="x-default">old text</rdf:li>
           <rdf:li xml:lang="de-DE">alter Text</rdf:li>
          </rdf:Alt>
         </dc:description>
         <dc:subject><rdf:Bag><rdf:li>old keyword</rdf:li></rdf:Bag></dc:subject>
         <dc:rights>
          <rdf:Alt><rdf:li xml:lang="x-default">(c) Example</rdf:li></rdf:Alt>
         </dc:rights>
         <xmpMM:History>
          <rdf:Seq>
           <rdf:li rdf:parseType="Resource">
            <stEvt:action>created</stEvt:action>
            <stEvt:instanceID>xmp.iid:aaaa</stEvt:instanceID>
            <stEvt:when>2023-01-02T03:04:05Z</stEvt:when>
           </rdf:li>
           <rdf:li rdf:parseType="Resource">
            <stEvt:action>saved</stEvt:action>
            <stEvt:instanceID>xmp.iid:bbbb</stEvt:instanceID>
           </rdf:li>
          </rdf:Seq>
         </xmpMM:History>
         <cam:Rig rdf:parseType="Resource">
          <cam:Lens>50mm f/1.4</cam:Lens>
          <cam:Serial>SN-42</cam:Serial>
         </cam:Rig>
         <alice:understanding rdf:parseType="Resource">
          <alice:description>stale understanding</alice:description>
          <alice:stale_field>gone after write</alice:stale_field>
         </alice:understanding>
        </rdf:Description>
       </rdf:RDF>
      </x:xmpmeta>
      <?xpacket end="w"?>""";
}
