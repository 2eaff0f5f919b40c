package ai.alicemultiverse.codec;

/** The file is not in a format we can write (or read) losslessly; the file is left untouched. */
public class UnsupportedFormatException extends CodecException {
  public UnsupportedFormatException(String message) {
    super(message);
  }
}
