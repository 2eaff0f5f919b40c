package ai.alicemultiverse.bench;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * The formats a bench corpus holds, each with the size range of a typical file and how to make
 * one. WebP is missing: Java has no WebP encoder, and a corpus is never copied from elsewhere.
 */
enum CorpusFormat {
  JPEG("jpg", 1.0, 3.0),
  PNG("png", 1.0, 3.0),
  TIFF("tif", 1.0, 3.0),
  WAV("wav", 2.0, 4.0),
  MP3("mp3", 2.0, 4.0),
  M4A("m4a", 2.0, 4.0),
  MP4("mp4", 4.0, 8.0),
  MOV("mov", 4.0, 8.0);

  /** The formats alice reads that no bench corpus holds, with the reason. */
  static final String NOT_GENERATED = "WebP (Java has no WebP encoder)";

  final String extension;
  private final double minMegabytes;
  private final double maxMegabytes;

  CorpusFormat(String extension, double minMegabytes, double maxMegabytes) {
    this.extension = extension;
    this.minMegabytes = minMegabytes;
    this.maxMegabytes = maxMegabytes;
  }

  /** A file of this format, sized at random within its range times {@code scale}. */
  byte[] make(SplittableRandom random, double scale) throws IOException {
    long target = (long) ((minMegabytes + random.nextDouble() * (maxMegabytes - minMegabytes)) * scale * 1_000_000);
    return switch (this) {
      case JPEG -> SyntheticImages.jpeg(target, random);
      case PNG -> SyntheticImages.png(target, random);
      case TIFF -> SyntheticImages.tiff(target, random);
      case WAV -> SyntheticAudio.wav(target, random);
      case MP3 -> SyntheticAudio.mp3(target, random);
      case M4A -> SyntheticMovies.movie(SyntheticMovies.Flavour.M4A, target, random);
      case MP4 -> SyntheticMovies.movie(SyntheticMovies.Flavour.MP4, target, random);
      case MOV -> SyntheticMovies.movie(SyntheticMovies.Flavour.MOV, target, random);
    };
  }

  String range(double scale) {
    return String.format(java.util.Locale.ROOT, "%.3g-%.3g MB", minMegabytes * scale, maxMegabytes * scale);
  }
}
