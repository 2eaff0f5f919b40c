package ai.alicemultiverse.xmp;

import java.io.IOException;

/** An XMP packet that is refused: too large, carries a DTD, or is not well-formed XMP. */
public class XmpFormatException extends IOException {
  public XmpFormatException(String message) {
    super(message);
  }

  public XmpFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
