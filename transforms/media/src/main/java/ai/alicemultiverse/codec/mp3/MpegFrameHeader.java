package ai.alicemultiverse.codec.mp3;

/**
 * One MPEG-1/2/2.5 audio frame header (ISO/IEC 11172-3 §2.4.2.3, ISO/IEC 13818-3 and MPEG 2.5): what
 * recognizes a tagless MP3 by its first bytes and what the frames say about the playing time.
 *
 * @param length the whole frame in bytes, header included
 */
record MpegFrameHeader(boolean mpeg1, int layer, int bitrateKbps, int sampleRate, boolean mono, int length) {
  private static final int[] RATES_V1 = {44100, 48000, 32000};
  private static final int[][] BITRATES = {
      {32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}, // V1 L1
      {32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384}, // V1 L2
      {32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}, // V1 L3
      {32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256}, // V2 L1
      {8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}, // V2 L2, L3
  };

  /** Samples per channel in one frame. */
  int samples() {
    return layer == 1 ? 384 : layer == 2 || mpeg1 ? 1152 : 576;
  }

  /** Where a Xing/Info tag starts: after the header and the layer III side information. */
  int xingOffset() {
    return 4 + (mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17));
  }

  /** True when {@code head} starts with a frame sync and a valid version, layer, bit rate and sample rate. */
  static boolean syncAt(byte[] head) {
    return head.length >= 3 && valid(head, 0);
  }

  /** The frame header at {@code b[i..i+4)}, or null when there is none. */
  static MpegFrameHeader parse(byte[] b, int i) {
    if (i + 4 > b.length || !valid(b, i)) {
      return null;
    }
    int version = (b[i + 1] >> 3) & 3; // 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5
    int layerBits = (b[i + 1] >> 1) & 3; // 3 layer I, 2 layer II, 1 layer III
    int bitrateIndex = (b[i + 2] & 0xFF) >> 4;
    int rateIndex = (b[i + 2] >> 2) & 3;
    boolean mpeg1 = version == 3;
    int layer = 4 - layerBits;
    int table = mpeg1 ? layer - 1 : layer == 1 ? 3 : 4;
    int bitrate = BITRATES[table][bitrateIndex - 1];
    int rate = RATES_V1[rateIndex] >> (version == 3 ? 0 : version == 2 ? 1 : 2);
    int padding = (b[i + 2] >> 1) & 1;
    boolean mono = ((b[i + 3] & 0xFF) >> 6) == 3;
    int length = layer == 1
        ? (12 * bitrate * 1000 / rate + padding) * 4
        : (mpeg1 || layer == 2 ? 144 : 72) * bitrate * 1000 / rate + padding;
    return length < 4 ? null : new MpegFrameHeader(mpeg1, layer, bitrate, rate, mono, length);
  }

  /*
   * byte 0: 0xFF; byte 1: 111 (rest of the sync) | version (2; 01 reserved) | layer (2; 00
   * reserved) | protection (1); byte 2: bitrate index (4; 1111 invalid, 0000 free format, not
   * accepted here) | sample rate index (2; 11 reserved) | padding | private.
   */
  private static boolean valid(byte[] b, int i) {
    int b1 = b[i + 1] & 0xFF;
    int b2 = b[i + 2] & 0xFF;
    int version = (b1 >> 3) & 3;
    int layer = (b1 >> 1) & 3;
    int bitrate = b2 >> 4;
    int sampleRate = (b2 >> 2) & 3;
    return (b[i] & 0xFF) == 0xFF && (b1 & 0xE0) == 0xE0 && version != 1 && layer != 0
        && bitrate != 0 && bitrate != 15 && sampleRate != 3;
  }
}
