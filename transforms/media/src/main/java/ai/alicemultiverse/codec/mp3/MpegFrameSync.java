package ai.alicemultiverse.codec.mp3;

/** Recognizes the header of an MPEG-1/2/2.5 audio frame (the first bytes of a tagless MP3). */
final class MpegFrameSync {
  private MpegFrameSync() {}

  /*
   * MPEG audio frame header (ISO/IEC 11172-3 §2.4.2.3, with the MPEG 2.5 extension):
   *   byte 0: 0xFF; byte 1: 111 (rest of the sync) | version (2; 01 reserved) | layer (2; 00
   *   reserved) | protection (1); byte 2: bitrate index (4; 1111 invalid, 0000 free format, not
   *   accepted here) | sample rate index (2; 11 reserved) | padding | private.
   */
  static boolean at(byte[] head) {
    if (head.length < 3) {
      return false;
    }
    int b1 = head[1] & 0xFF;
    int b2 = head[2] & 0xFF;
    int version = (b1 >> 3) & 3;
    int layer = (b1 >> 1) & 3;
    int bitrate = b2 >> 4;
    int sampleRate = (b2 >> 2) & 3;
    return (head[0] & 0xFF) == 0xFF && (b1 & 0xE0) == 0xE0 && version != 1 && layer != 0
        && bitrate != 0 && bitrate != 15 && sampleRate != 3;
  }
}
