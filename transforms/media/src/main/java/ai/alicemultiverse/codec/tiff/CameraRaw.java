package ai.alicemultiverse.codec.tiff;

import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaFormat;
import java.io.IOException;
import java.util.Optional;

/**
 * Tells a camera's raw file from a TIFF image: DNG carries DNGVersion (tag 50706) in IFD0; NEF, ARW,
 * PEF, SRW and the like keep sensor data (PhotometricInterpretation CFA 32803 or LinearRaw 34892) in
 * IFD0 or one of its SubIFDs. alice indexes them read only: writing a TIFF's XMP into them could
 * disturb maker-note offsets other tools rely on.
 */
final class CameraRaw {
  static final int DNG_VERSION = 50706;
  private static final int SUB_IFDS = 330;
  private static final int PHOTOMETRIC = 262;
  private static final long CFA = 32803;
  private static final long LINEAR_RAW = 34892;
  /** Enough for every camera's SubIFDs; a corrupt count is not followed further. */
  private static final int MAX_SUB_IFDS = 16;

  private CameraRaw() {}

  /** DNG or CAMERA_RAW when the TIFF is a camera's raw file, empty for a TIFF image. */
  static Optional<MediaFormat> of(TiffReader reader) throws IOException {
    long first = reader.header().firstIfdOffset();
    if (first == 0) {
      return Optional.empty();
    }
    Ifd ifd0 = reader.readIfd(first, "IFD0");
    if (ifd0.find(DNG_VERSION).isPresent()) {
      return Optional.of(MediaFormat.DNG);
    }
    if (isSensorData(reader, ifd0)) {
      return Optional.of(MediaFormat.CAMERA_RAW);
    }
    Optional<IfdEntry> subIfds = ifd0.find(SUB_IFDS);
    if (subIfds.isPresent() && subIfds.get().isUnsignedInteger() && subIfds.get().count() <= MAX_SUB_IFDS) {
      for (long offset : reader.readUnsigned(subIfds.get())) {
        try {
          if (offset > 0 && isSensorData(reader, reader.readIfd(offset, "SubIFD"))) {
            return Optional.of(MediaFormat.CAMERA_RAW);
          }
        } catch (CodecException damaged) {
          // a SubIFD that does not parse says nothing of the kind of file; the TIFF reading reports it
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isSensorData(TiffReader reader, Ifd ifd) throws IOException {
    Optional<IfdEntry> photometric = ifd.find(PHOTOMETRIC);
    if (photometric.isEmpty() || !photometric.get().isUnsignedInteger() || photometric.get().count() != 1) {
      return false;
    }
    long value = reader.readUnsigned(photometric.get())[0];
    return value == CFA || value == LINEAR_RAW;
  }
}
