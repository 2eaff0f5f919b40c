package ai.alicemultiverse.codec.isobmff;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.UnsupportedFormatException;
import ai.alicemultiverse.codec.XmpPacket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * HEIF (HEIC) and AVIF still images and sequences, read only: the same box walker as MP4
 * ({@link BoxReader}), with the image data located through the {@code meta} box's {@code iloc}
 * ({@link HeifItems}). The content hash follows ExifTool 13's ImageDataHash: the top-level boxes in
 * file order, a {@code meta} box adding its coded image items, a {@code moov} box the chunks of its
 * audio and video tracks (image sequences). alice does not write these files.
 */
public final class HeifCodec implements ContainerCodec {
  /** Major brands of HEIF-family files (ISO/IEC 23008-12 Annex B/D, AV1 Image File Format, MIAF). */
  static final Set<String> BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs",
      "mif1", "msf1", "mif2", "miaf", "avif", "avis", "avio", "jpeg", "jpgs");
  private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis", "avio");
  private static final Set<String> HEVC_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx");

  @Override
  public boolean recognizes(byte[] head) {
    return head.length >= 12 && "ftyp".equals(new String(head, 4, 4, StandardCharsets.ISO_8859_1))
        && BRANDS.contains(new String(head, 8, 4, StandardCharsets.ISO_8859_1));
  }

  /** AVIF when the major brand is an AV1 one, or a generic one with AV1 and no HEVC compatible brand. */
  @Override
  public MediaFormat format(MediaSource source) throws IOException {
    MovieFile file = MovieFile.read(source);
    Box ftyp = file.first("ftyp").orElseThrow(() -> new CodecException("HEIF file without an 'ftyp' box"));
    if (ftyp.payloadSize() < 4) {
      throw new CodecException(ftyp + " is too short for a major brand");
    }
    byte[] payload = file.reader().payload(ftyp);
    String major = new String(payload, 0, 4, StandardCharsets.ISO_8859_1);
    if (AVIF_BRANDS.contains(major)) {
      return MediaFormat.AVIF;
    }
    boolean av1 = false;
    for (int at = 8; at + 4 <= payload.length; at += 4) {
      String brand = new String(payload, at, 4, StandardCharsets.ISO_8859_1);
      if (HEVC_BRANDS.contains(brand)) {
        return MediaFormat.HEIC;
      }
      av1 |= AVIF_BRANDS.contains(brand);
    }
    return av1 ? MediaFormat.AVIF : MediaFormat.HEIC;
  }

  @Override
  public Optional<XmpPacket> readXmp(MediaSource source) throws IOException {
    MovieFile file = MovieFile.read(source);
    Optional<Box> meta = file.first("meta");
    if (meta.isEmpty()) {
      return Optional.empty();
    }
    List<ByteRange> extents = HeifItems.xmp(file.reader(), meta.get());
    if (extents.isEmpty()) {
      return Optional.empty();
    }
    long total = extents.stream().mapToLong(ByteRange::length).sum();
    XmpPacket.requireWithinLimit(total, "XMP item at byte " + extents.get(0).offset());
    ByteArrayOutputStream xml = new ByteArrayOutputStream((int) total);
    for (ByteRange extent : extents) {
      source.copyTo(extent, xml);
    }
    String packet = xml.toString(StandardCharsets.UTF_8).replaceAll("\u0000+$", "");
    return packet.isBlank() ? Optional.empty() : Optional.of(XmpPacket.of(packet));
  }

  @Override
  public List<ByteRange> payload(MediaSource source) throws IOException {
    MovieFile file = MovieFile.read(source);
    List<ByteRange> ranges = new ArrayList<>();
    for (Box box : file.topLevel()) {
      if (box.is("meta")) {
        ranges.addAll(HeifItems.imageData(file.reader(), box));
      } else if (box.is("moov")) {
        for (Track track : Track.readAll(file.reader(), box)) {
          if (track.isAudioOrVideo()) {
            ranges.addAll(SampleTable.chunkRanges(file.reader(), track));
          }
        }
      }
    }
    if (ranges.isEmpty()) {
      // Every such file would get the same hash (of nothing): refuse rather than collide.
      throw new CodecException("HEIF file without a coded image item (" + String.join(", ",
          HeifItems.IMAGE_TYPES.stream().sorted().toList()) + ") or image sequence track to hash");
    }
    return ranges;
  }

  @Override
  public void writeXmp(MediaSource source, String xmpPacket, OutputStream out) throws IOException {
    throw new UnsupportedFormatException(format(source).readOnlyReason());
  }
}
