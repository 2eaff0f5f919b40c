package ai.alicemultiverse.codec.mp3;

import ai.alicemultiverse.codec.ByteRange;
import ai.alicemultiverse.codec.CodecException;
import ai.alicemultiverse.codec.ContainerCodec;
import ai.alicemultiverse.codec.MediaFormat;
import ai.alicemultiverse.codec.MediaSource;
import ai.alicemultiverse.codec.ParserView;
import ai.alicemultiverse.codec.XmpPacket;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MP3: XMP lives in an ID3v2 {@code PRIV} frame with owner "XMP" (as Adobe and ExifTool store
 * it); the payload is the file without its leading ID3v2 tags and trailing APE / ID3v1 tags.
 *
 * <p>The ID3 structure is walked by hand ({@link Mp3Walker}, {@link Id3v2Reader},
 * {@link Id3v2Writer}): no library rewrites a tag while keeping every other frame byte-identical.
 */
public final class Mp3Codec implements ContainerCodec {

  @Override
  public MediaFormat format(MediaSource source) throws IOException {
    byte[] head = source.readFully(0, (int) Math.min(4, source.size()));
    if (!recognizes(head)) {
      throw new CodecException("not an MP3 file: no ID3v2 tag or MPEG frame sync at byte 0");
    }
    return MediaFormat.MP3;
  }

  @Override
  public boolean recognizes(byte[] head) {
    return Id3v2Header.startsTag(head) || MpegFrameHeader.syncAt(head);
  }

  @Override
  public Optional<XmpPacket> readXmp(MediaSource source) throws IOException {
    for (Id3v2Header header : Mp3Walker.scan(source).leadingTags()) {
      Optional<String> xmp = Id3v2Reader.xmp(Id3v2Reader.read(source, header));
      if (xmp.isPresent()) {
        return xmp.map(XmpPacket::of);
      }
    }
    return Optional.empty();
  }

  @Override
  public List<ByteRange> payload(MediaSource source) throws IOException {
    Mp3Layout layout = Mp3Walker.scan(source);
    return List.of(new ByteRange(layout.audioStart(), layout.audioEnd() - layout.audioStart()));
  }

  /**
   * Rewrites the first ID3v2 tag with the new {@code PRIV} frame (or prepends a v2.4 tag), drops
   * XMP frames from any later leading tag, and copies everything else unchanged.
   */
  @Override
  public void writeXmp(MediaSource source, String xmpPacket, OutputStream out)
      throws IOException {
    Mp3Layout layout = Mp3Walker.scan(source);
    List<byte[]> tags = new ArrayList<>(); // built before any output, so a refusal writes nothing
    if (layout.leadingTags().isEmpty()) {
      tags.add(Id3v2Writer.newTag(Id3v2Writer.xmpFrame(4, xmpPacket)));
    }
    for (Id3v2Header header : layout.leadingTags()) {
      Id3v2Tag tag = Id3v2Reader.read(source, header);
      if (tags.isEmpty()) {
        tags.add(Id3v2Writer.rewrite(tag, Id3v2Writer.xmpFrame(header.major(), xmpPacket)));
      } else if (Id3v2Reader.xmp(tag).isPresent()) {
        tags.add(Id3v2Writer.rewrite(tag, null));
      } else {
        tags.add(null); // copied from the source as it is
      }
    }
    for (int i = 0; i < tags.size(); i++) {
      if (tags.get(i) != null) {
        out.write(tags.get(i));
      } else {
        Id3v2Header header = layout.leadingTags().get(i);
        source.copyTo(header.offset(), header.totalLength(), out);
      }
    }
    source.copyTo(layout.audioStart(), source.size() - layout.audioStart(), out);
  }
  /** Tika's MP3 parser walks every frame: it is shown the tags and a few frames, with the duration they give. */
  @Override
  public ParserView parserView(MediaSource source) throws IOException {
    return Mp3Frames.view(source, payload(source).get(0));
  }

}
