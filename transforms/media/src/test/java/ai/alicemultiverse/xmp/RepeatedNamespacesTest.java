package ai.alicemultiverse.xmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RepeatedNamespacesTest {
  private static String packet(String secondUri) {
    return "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
        + "<rdf:Description rdf:about='' xmlns:et='http://ns.exiftool.org/1.0/' et:toolkit='Image::ExifTool 12.57'"
        + " xmlns:et='" + secondUri + "'><et:OriginalImageHashType>SHA256</et:OriginalImageHashType>"
        + "</rdf:Description></rdf:RDF></x:xmpmeta>";
  }

  @Test
  void aNamespaceDeclaredTwiceWithTheSameUriIsReadAsExifToolMeantIt() throws Exception {
    var meta = AliceXmp.parseSafely(packet("http://ns.exiftool.org/1.0/"));
    assertThat(meta.getPropertyString("http://ns.exiftool.org/1.0/", "OriginalImageHashType")).isEqualTo("SHA256");
  }

  @Test
  void aPrefixDeclaredTwiceWithAnotherUriIsStillMalformed() {
    assertThatThrownBy(() -> AliceXmp.parseSafely(packet("http://example.com/other/")))
        .isInstanceOf(XmpFormatException.class).hasMessageContaining("malformed XMP");
  }

  @Test
  void aPacketWithoutRepeatsIsLeftAsItIs() {
    String xml = "<a xmlns:b='u'><b:c/></a>";
    assertThat(RepeatedNamespaces.dropRepeats(xml)).isSameAs(xml);
  }
}
