package ai.alicemultiverse.codec.isobmff;

import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The top-level boxes of one ISO BMFF file and what they say: brand, movie box, XMP locations. */
record MovieFile(BoxReader reader, List<Box> topLevel) {
  private static final Set<String> AUDIO_BRANDS = Set.of("M4A ", "M4B ", "M4P ");

  static MovieFile read(MediaSource source) throws IOException {
    BoxReader reader = new BoxReader(source);
    List<Box> boxes = reader.topLevel();
    if (boxes.isEmpty()) {
      throw new CodecException("not an ISO BMFF file: no box at byte 0 (" + reader.size() + " bytes)");
    }
    return new MovieFile(reader, boxes);
  }

  Optional<Box> first(String type) {
    return topLevel.stream().filter(box -> box.is(type)).findFirst();
  }

  /** The one {@code moov} box; a file without it (or with two) has no usable track tables. */
  Box moov() throws CodecException {
    List<Box> moovs = topLevel.stream().filter(box -> box.is("moov")).toList();
    if (moovs.size() != 1) {
      throw new CodecException(moovs.isEmpty()
          ? "no 'moov' box among the top-level boxes"
          : "two 'moov' boxes, at bytes " + moovs.get(0).offset() + " and " + moovs.get(1).offset());
    }
    return moovs.get(0);
  }

  List<Track> tracks() throws IOException {
    return Track.readAll(reader, moov());
  }

  /*
   * File type box 'ftyp', ISO/IEC 14496-12 §4.3:
   *   major_brand 4cc, minor_version u32, compatible_brands 4cc × (rest / 4)
   * QuickTime files carry major brand 'qt  '; files older than ftyp start with moov/mdat/wide/free.
   */
  MediaFormat format() throws IOException {
    Optional<Box> ftyp = first("ftyp");
    if (ftyp.isEmpty()) {
      return MediaFormat.MOV;
    }
    if (ftyp.get().payloadSize() < 8) {
      throw new CodecException(ftyp.get() + " is too short for a major brand and version");
    }
    byte[] payload = reader.payload(ftyp.get());
    String major = brand(payload, 0);
    if (major.equals("qt  ")) {
      return MediaFormat.MOV;
    }
    if (AUDIO_BRANDS.contains(major)) {
      return MediaFormat.M4A;
    }
    for (int at = 8; at + 4 <= payload.length; at += 4) {
      if (brand(payload, at).equals("M4A ") && audioOnly()) {
        return MediaFormat.M4A;
      }
    }
    return MediaFormat.MP4;
  }

  /** The major brand of {@code ftyp}, or empty when the file has none (or too short a one). */
  Optional<String> majorBrand() throws IOException {
    Optional<Box> ftyp = first("ftyp");
    if (ftyp.isEmpty() || ftyp.get().payloadSize() < 4) {
      return Optional.empty();
    }
    return Optional.of(brand(reader.payload(ftyp.get()), 0));
  }

  /** The top-level {@code uuid} box holding XMP (XMP Specification Part 3, MP4). */
  Optional<Box> xmpUuid() {
    return topLevel.stream().filter(Box::isXmpUuid).findFirst();
  }

  /** Every QuickTime {@code moov/udta/XMP_} box (there should be at most one). */
  List<Box> udtaXmp() throws IOException {
    List<Box> found = new ArrayList<>();
    Optional<Box> moov = first("moov");
    if (moov.isPresent()) {
      for (Box udta : reader.children(moov.get())) {
        if (udta.is("udta")) {
          for (Box box : reader.children(udta)) {
            if (box.is("XMP_")) {
              found.add(box);
            }
          }
        }
      }
    }
    return found;
  }

  private boolean audioOnly() throws IOException {
    if (first("moov").isEmpty()) {
      return false;
    }
    List<Track> media = tracks().stream().filter(Track::isAudioOrVideo).toList();
    return !media.isEmpty() && media.stream().allMatch(track -> track.handler().equals("soun"));
  }

  private static String brand(byte[] payload, int at) {
    return new String(payload, at, 4, StandardCharsets.ISO_8859_1);
  }
}
