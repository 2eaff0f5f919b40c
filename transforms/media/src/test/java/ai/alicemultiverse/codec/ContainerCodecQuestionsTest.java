package ai.alicemultiverse.codec;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.testing.Vectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/** What other layers ask a container through {@link ContainerCodec}, answered by the format's codec. */
class ContainerCodecQuestionsTest {
  @Test
  void theCodecForAFormatIsTheOneThatRecognizesItsFiles() throws IOException {
    for (String name : new String[] {"plain.jpg", "plain.png", "plain.webp", "plain.wav", "plain.tif", "plain.mp4",
        "plain.mov", "plain.m4a", "plain.mp3"}) {
      try (MediaSource source = ChannelMediaSource.open(Vectors.file(name))) {
        ContainerCodec codec = Codecs.forSource(source);
        assertThat(Codecs.forFormat(codec.format(source))).as(name).isSameAs(codec);
      }
    }
  }

  @Test
  void aPngGivesItsTextChunksAndOtherFormatsNone() throws IOException {
    try (MediaSource png = ChannelMediaSource.open(Vectors.file("a1111.png"));
        MediaSource wav = ChannelMediaSource.open(Vectors.file("plain.wav"))) {
      assertThat(Codecs.forSource(png).generatorTraces(png).text("parameters")).contains("Steps:");
      assertThat(Codecs.forSource(wav).generatorTraces(wav)).isEqualTo(GeneratorTraces.NONE);
    }
  }

  @Test
  void aMovieStatesItsDurationAndTrackCodesAndNamesTheBoxesAParserIsShown() throws IOException {
    try (MediaSource mp4 = ChannelMediaSource.open(Vectors.file("tagged.mp4"))) {
      ContainerCodec codec = Codecs.forSource(mp4);
      assertThat(codec.statedDurationSeconds(mp4)).isPositive();
      assertThat(codec.trackCodes(mp4)).get().extracting(TrackCodes::video).isNotNull();
      ParserView view = codec.parserView(mp4);
      assertThat(view.keepsOffsets()).isFalse();
      assertThat(view.length()).isLessThan(mp4.size());
      assertThat(view.durationSeconds()).isNull();
    }
  }

  @Test
  void anMp3IsShownItsTagsAndFirstFramesWithTheDurationTheyGive() throws IOException {
    try (MediaSource mp3 = ChannelMediaSource.open(Vectors.file("tagged.mp3"))) {
      ContainerCodec codec = Codecs.forSource(mp3);
      ParserView view = codec.parserView(mp3);
      assertThat(view.pieces().get(0).offset()).isZero();
      assertThat(view.length()).isLessThan(mp3.size());
      assertThat(view.durationSeconds()).isPositive();
      assertThat(codec.statedDurationSeconds(mp3)).isNull();
      assertThat(codec.trackCodes(mp3)).isEmpty();
    }
  }

  @Test
  void aPngIsShownEveryChunkButTheImageDataWithOneEmptyIdat() throws IOException {
    byte[] file = Vectors.bytes("plain.png");
    try (MediaSource png = new BytesMediaSource(file)) {
      ContainerCodec codec = Codecs.forSource(png);
      List<ByteRange> idat = codec.payload(png);
      assertThat(idat).isNotEmpty();
      ParserView view = codec.parserView(png);
      assertThat(view.keepsOffsets()).isFalse();
      assertThat(chunkTypes(shown(file, view))).isEqualTo(withOneIdat(chunkTypes(file)));
      assertThat(chunkLength(shown(file, view), "IDAT")).isZero();
    }
  }

  @Test
  void aWavIsShownItsChunksBeforeTheSamplesWithTheirSize() throws IOException {
    byte[] file = Vectors.bytes("plain.wav");
    try (MediaSource wav = new BytesMediaSource(file)) {
      ContainerCodec codec = Codecs.forSource(wav);
      ByteRange data = codec.payload(wav).get(0);
      ParserView view = codec.parserView(wav);
      assertThat(view.pieces()).containsExactly(ParserView.Piece.file(0, data.offset()));
      assertThat(view.sampleDataBytes()).isEqualTo(data.length());
      assertThat(new String(shown(file, view), (int) data.offset() - 8, 4, StandardCharsets.US_ASCII))
          .isEqualTo("data");
    }
  }

  @Test
  void aJpegIsShownItsHeaderUpToSosAndAWebpAllOfIt() throws IOException {
    byte[] jpegFile = Vectors.bytes("plain.jpg");
    try (MediaSource jpeg = new BytesMediaSource(jpegFile);
        MediaSource webp = ChannelMediaSource.open(Vectors.file("plain.webp"))) {
      ContainerCodec codec = Codecs.forSource(jpeg);
      ByteRange scan = codec.payload(jpeg).get(0);
      ParserView view = codec.parserView(jpeg);
      // the header and the SOS marker: the image data is never read for metadata
      assertThat(shown(jpegFile, view)).isEqualTo(Arrays.copyOf(jpegFile, (int) scan.offset() + 2));
      ContainerCodec webpCodec = Codecs.forSource(webp);
      ParserView whole = webpCodec.parserView(webp);
      assertThat(whole.keepsOffsets()).isTrue();
      assertThat(whole.pieces()).containsExactly(ParserView.Piece.file(0, webp.size()));
    }
  }

  @Test
  void aWavStatesTheDurationJavaSoundReadsFromItsHeader() throws Exception {
    List<byte[]> wavs = List.of(Vectors.bytes("plain.wav"), wav(1, 2, 44100, 16, 44100 * 4 * 3),
        wav(3, 1, 22050, 32, 22050 * 4 * 2 + 3), wav(7, 1, 8000, 8, 8000 * 20));
    for (byte[] file : wavs) {
      AudioFileFormat javaSound = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(file));
      double expected = javaSound.getFrameLength() / (double) javaSound.getFormat().getFrameRate();
      try (MediaSource source = new BytesMediaSource(file)) {
        assertThat(Codecs.forSource(source).statedDurationSeconds(source)).isPositive().isEqualTo(expected);
      }
    }
  }

  @Test
  void aCompressedWavStatesNoDuration() throws IOException {
    try (MediaSource adpcm = new BytesMediaSource(wav(0x11, 1, 44100, 4, 4096))) {
      assertThat(Codecs.forSource(adpcm).statedDurationSeconds(adpcm)).isNull();
    }
  }

  /** A RIFF/WAVE file with a 16-byte fmt chunk and {@code dataBytes} of silence. */
  private static byte[] wav(int encoding, int channels, int sampleRate, int bits, int dataBytes) {
    int blockAlign = channels * ((bits + 7) / 8);
    ByteBuffer b = ByteBuffer.allocate(44 + dataBytes + (dataBytes & 1)).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(b.capacity() - 8)
        .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
        .putShort((short) encoding).putShort((short) channels).putInt(sampleRate)
        .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) bits)
        .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
    return b.array();
  }

  /** The bytes a parser reads through {@code view}. */
  private static byte[] shown(byte[] file, ParserView view) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ParserView.Piece piece : view.pieces()) {
      if (piece.literal() != null) {
        out.writeBytes(piece.literal());
      } else if (piece.zeros()) {
        out.writeBytes(new byte[(int) piece.length()]);
      } else {
        out.write(file, (int) piece.offset(), (int) piece.length());
      }
    }
    return out.toByteArray();
  }

  /** The chunk types of a PNG in file order. */
  private static List<String> chunkTypes(byte[] png) {
    List<String> types = new ArrayList<>();
    for (int at = 8; at + 8 <= png.length; at += 12 + ByteBuffer.wrap(png, at, 4).getInt()) {
      types.add(new String(png, at + 4, 4, StandardCharsets.US_ASCII));
    }
    return types;
  }

  private static int chunkLength(byte[] png, String type) {
    for (int at = 8; at + 8 <= png.length; at += 12 + ByteBuffer.wrap(png, at, 4).getInt()) {
      if (new String(png, at + 4, 4, StandardCharsets.US_ASCII).equals(type)) {
        return ByteBuffer.wrap(png, at, 4).getInt();
      }
    }
    throw new AssertionError("no " + type + " chunk");
  }

  private static List<String> withOneIdat(List<String> types) {
    List<String> one = new ArrayList<>();
    for (String type : types) {
      if (!type.equals("IDAT") || !one.contains("IDAT")) {
        one.add(type);
      }
    }
    return one;
  }
}
