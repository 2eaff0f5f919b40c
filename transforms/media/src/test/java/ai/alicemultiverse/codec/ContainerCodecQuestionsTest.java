package ai.alicemultiverse.codec;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alicemultiverse.testing.Vectors;
import java.io.IOException;
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
      MetadataRegions regions = codec.metadataRegions(mp4).orElseThrow();
      assertThat(regions.ranges().stream().mapToLong(ByteRange::length).sum()).isLessThan(mp4.size());
      assertThat(regions.durationSeconds()).isNull();
    }
  }

  @Test
  void anMp3IsShownItsTagsAndFirstFramesWithTheDurationTheyGive() throws IOException {
    try (MediaSource mp3 = ChannelMediaSource.open(Vectors.file("tagged.mp3"))) {
      ContainerCodec codec = Codecs.forSource(mp3);
      MetadataRegions regions = codec.metadataRegions(mp3).orElseThrow();
      assertThat(regions.ranges().get(0).offset()).isZero();
      assertThat(regions.durationSeconds()).isPositive();
      assertThat(codec.statedDurationSeconds(mp3)).isNull();
      assertThat(codec.trackCodes(mp3)).isEmpty();
    }
  }
}
