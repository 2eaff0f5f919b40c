package ai.alicemultiverse.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Sound files written byte by byte: PCM WAV and MPEG-1 Layer III (MP3). */
final class SyntheticAudio {
  private static final int RATE = 44_100;

  private SyntheticAudio() {}

  /** 16-bit stereo PCM, a tone with noise: RIFF/WAVE with 'fmt ' and 'data' chunks. */
  static byte[] wav(long targetBytes, SplittableRandom random) {
    int frames = (int) Math.max(RATE / 10, (targetBytes - 44) / 4);
    int dataBytes = frames * 4;
    ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
    b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 2).putInt(RATE)
        .putInt(RATE * 4).putShort((short) 4).putShort((short) 16);
    b.put(ascii("data")).putInt(dataBytes);
    double hz = 110 + random.nextInt(770);
    for (int i = 0; i < frames; i++) {
      double tone = Math.sin(2 * Math.PI * hz * i / RATE) * 6000;
      b.putShort((short) (tone + random.nextInt(2001) - 1000));
      b.putShort((short) (tone * 0.8 + random.nextInt(2001) - 1000));
    }
    return b.array();
  }

  /*
   * MPEG-1 Layer III frames, 128 kbit/s, 44.1 kHz, stereo, no CRC (ISO/IEC 11172-3 §2.4.2.3):
   *   header FF FB 90 00 | side information 32 bytes | main data | ancillary data
   * Frame length = 144 × bitrate / sample rate = 417 bytes (padding bit clear). An all-zero side
   * information means part2_3_length 0 for every granule: no main data, the frame decodes to
   * silence, and the rest of the frame is ancillary data, which decoders skip. It is filled with
   * random bytes so that no two files share a content hash.
   */
  static byte[] mp3(long targetBytes, SplittableRandom random) {
    int frameLength = 417;
    int frames = (int) Math.max(40, targetBytes / frameLength);
    byte[] out = new byte[frames * frameLength];
    byte[] ancillary = new byte[frameLength - 4 - 32];
    for (int f = 0; f < frames; f++) {
      int at = f * frameLength;
      out[at] = (byte) 0xFF;
      out[at + 1] = (byte) 0xFB;
      out[at + 2] = (byte) 0x90;
      out[at + 3] = 0x00;
      random.nextBytes(ancillary);
      System.arraycopy(ancillary, 0, out, at + 36, ancillary.length);
    }
    return out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
