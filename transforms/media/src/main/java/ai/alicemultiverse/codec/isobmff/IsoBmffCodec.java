package ai.alicemultiverse.codec.isobmff;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.FrameSize;
import ai.alicemultiverse.codec.GeneratorTraces;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.ParserView;
import ai.alicemultiverse.codec.TrackCodes;
import ai.alicemultiverse.codec.XmpPacket;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * MP4, MOV and M4A (ISO/IEC 14496-12 base media file format and Apple QuickTime).
 *
 * <p>XMP lives in a top-level {@code uuid} box (MP4/M4A, XMP Specification Part 3) or in
 * {@code moov/udta/XMP_} (QuickTime). The media payload is every chunk of every audio and video
 * track, located through the sample tables, as ExifTool's ImageDataHash defines it. Boxes are
 * walked by hand ({@link BoxReader}); no Java library rewrites them losslessly.
 */
public final class IsoBmffCodec implements ContainerCodec {
  /** Top-level types a QuickTime file without {@code ftyp} starts with. */
  private static final Set<String> FIRST_BOX = Set.of("ftyp", "moov", "mdat", "wide", "free");

  @Override
  public MediaFormat format(MediaSource source) throws IOException {
    return MovieFile.read(source).format();
  }

  @Override
  public boolean recognizes(byte[] head) {
    if (head.length < 8 || !FIRST_BOX.contains(new String(head, 4, 4, StandardCharsets.ISO_8859_1))) {
      return false;
    }
    // HEIF/AVIF images share the box structure but keep their image and XMP in meta items, not in
    // tracks: this codec would find no media to hash and put the XMP where no reader looks.
    return !(head.length >= 12 && "ftyp".equals(new String(head, 4, 4, StandardCharsets.ISO_8859_1))
        && IMAGE_BRANDS.contains(new String(head, 8, 4, StandardCharsets.ISO_8859_1)));
  }

  /** Major brands of HEIF-family still images (ISO/IEC 23008-12, AV1 image file format, Canon CR3). */
  private static final Set<String> IMAGE_BRANDS =
      Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1", "mif2",
          "avif", "avis", "avio", "crx ", "jpeg", "jpgs", "miaf");

  @Override
  public Optional<XmpPacket> readXmp(MediaSource source) throws IOException {
    MovieFile file = MovieFile.read(source);
    Optional<Box> uuid = file.xmpUuid();
    Optional<Box> quickTime = file.udtaXmp().stream().findFirst();
    // Each flavour has its conventional place; the other is read only when that one is missing.
    Optional<Box> box = file.format() == MediaFormat.MOV ? quickTime.or(() -> uuid) : uuid.or(() -> quickTime);
    if (box.isEmpty()) {
      return Optional.empty();
    }
    XmpPacket.requireWithinLimit(box.get().payloadSize(), "'" + box.get().type() + "' box at byte " + box.get().offset());
    return Optional.of(XmpPacket.of(XmpPacket.decode(file.reader().payload(box.get())))); // NUL padding too
  }

  @Override
  public List<ByteRange> payload(MediaSource source) throws IOException {
    MovieFile file = MovieFile.read(source);
    List<ByteRange> ranges = new ArrayList<>();
    for (Track track : file.tracks()) {
      if (track.isAudioOrVideo()) {
        for (ByteRange range : SampleTable.chunkRanges(file.reader(), track)) {
          append(ranges, range);
        }
      }
    }
    if (ranges.isEmpty()) {
      // Every such file would get the same hash (of nothing): refuse rather than collide.
      throw new CodecException("no audio or video samples to hash (no track with media data)");
    }
    return ranges;
  }

  @Override
  public void writeXmp(MediaSource source, String xmpPacket, OutputStream out) throws IOException {
    MovieFile file = MovieFile.read(source);
    new IsoBmffWriter(file, source).write(file.format(), xmpPacket.getBytes(StandardCharsets.UTF_8), out);
  }

  @Override
  public GeneratorTraces generatorTraces(MediaSource source) throws IOException {
    return new GeneratorTraces(List.of(), null, IsoBmffFacts.read(source).hasC2pa());
  }

  @Override
  public Double statedDurationSeconds(MediaSource source) throws IOException {
    return IsoBmffFacts.read(source).durationSeconds();
  }

  @Override
  public Optional<FrameSize> frameSize(MediaSource source) throws IOException {
    return VideoFrameSize.read(MovieFile.read(source));
  }

  /**
   * 3GPP (TS 26.244) and 3GPP2 files are MP4 files by structure, branded {@code 3gp4}, {@code 3gp5}, ... and
   * {@code 3g2a}, ...: their MIME types are {@code video/3gpp} and {@code video/3gpp2} (RFC 3839, RFC 4393).
   */
  @Override
  public String mime(MediaSource source) throws IOException {
    MovieFile file = MovieFile.read(source);
    MediaFormat format = file.format();
    String brand = format == MediaFormat.MP4 ? file.majorBrand().orElse("") : "";
    if (brand.startsWith("3gp")) {
      return "video/3gpp";
    }
    if (brand.startsWith("3g2")) {
      return "video/3gpp2";
    }
    return format.mime();
  }

  @Override
  public Optional<TrackCodes> trackCodes(MediaSource source) throws IOException {
    return Optional.of(TrackCodecs.read(source));
  }

  /**
   * The top-level boxes but the media data, padding and XMP ({@link TopLevelBoxes}), refused when
   * their containers nest deeper than a recursive reader can follow ({@link BoxNesting}).
   */
  @Override
  public ParserView parserView(MediaSource source) throws IOException {
    payload(source); // the structure check every parser view starts with
    List<ByteRange> boxes = TopLevelBoxes.metadataBoxes(source);
    BoxNesting.check(source, boxes);
    return ParserView.compact(boxes);
  }

  /** Adds {@code range}, merged into the previous one when they touch (same bytes, fewer reads). */
  private static void append(List<ByteRange> ranges, ByteRange range) {
    if (!ranges.isEmpty()) {
      ByteRange last = ranges.get(ranges.size() - 1);
      if (last.end() == range.offset()) {
        ranges.set(ranges.size() - 1, new ByteRange(last.offset(), last.length() + range.length()));
        return;
      }
    }
    ranges.add(range);
  }
}
