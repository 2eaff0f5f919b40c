package ai.alicemultiverse.codec;

import java.io.IOException;

/** A container that does not parse: bad signature, impossible sizes, truncation, unsafe layout. */
public class CodecException extends IOException {
  public CodecException(String message) {
    super(message);
  }

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
