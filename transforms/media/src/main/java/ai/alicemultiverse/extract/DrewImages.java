package ai.alicemultiverse.extract;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.jpeg.JpegSegmentMetadataReader;
import com.drew.imaging.tiff.TiffMetadataReader;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.metadata.MetadataException;
import com.drew.metadata.xmp.XmpReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.image.ImageMetadataExtractor;

/**
 * EXIF/IPTC of JPEG, TIFF and WebP through Tika's own mapping of metadata-extractor's directories,
 * the same fields Tika's JpegParser/TiffParser/WebPParser report, without what makes those parsers
 * slow here: they copy the input to a temporary file first, and then scan every byte of it for an
 * XMP packet (alice reads XMP itself). metadata-extractor reads from alice's view of the file
 * instead: the JPEG segments before the image data, or the TIFF IFDs by random access.
 */
final class DrewImages extends ImageMetadataExtractor {
  /** Every JPEG segment reader but XMP: the XMP packet is alice's to read, once. */
  private static final List<JpegSegmentMetadataReader> JPEG_READERS = new ArrayList<>();

  static {
    for (JpegSegmentMetadataReader reader : JpegMetadataReader.ALL_READERS) {
      if (!(reader instanceof XmpReader)) {
        JPEG_READERS.add(reader);
      }
    }
  }

  private DrewImages(Metadata tika) {
    super(tika);
  }

  static void jpeg(InputStream segments, Metadata tika) throws IOException, TikaException {
    try {
      new DrewImages(tika).handle(JpegMetadataReader.readMetadata(segments, JPEG_READERS));
    } catch (ImageProcessingException | MetadataException e) {
      throw new TikaException("Can't read JPEG metadata", e);
    }
  }

  static void tiff(SourceReader reader, Metadata tika) throws IOException, TikaException {
    try {
      new DrewImages(tika).handle(TiffMetadataReader.readMetadata(reader));
    } catch (ImageProcessingException | MetadataException e) {
      throw new TikaException("Can't read TIFF metadata", e);
    }
  }

  /** Any format metadata-extractor knows by its signature (HEIF, AVI, GIF, BMP, RAW...). */
  static void any(InputStream file, Metadata tika) throws IOException, TikaException {
    try {
      new DrewImages(tika).handle(ImageMetadataReader.readMetadata(file));
    } catch (ImageProcessingException | MetadataException e) {
      throw new TikaException("Can't read image metadata", e);
    }
  }

  static void webp(InputStream riff, Metadata tika) throws IOException, TikaException {
    try {
      new DrewImages(tika).handle(WebpMetadataReader.readMetadata(riff));
    } catch (ImageProcessingException | MetadataException e) {
      throw new TikaException("Can't read WebP metadata", e);
    }
  }
}
