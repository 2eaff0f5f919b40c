package ai.alicemultiverse.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * MP4, MOV and M4A files: a complete ISO BMFF box structure (ISO/IEC 14496-12) with a video track
 * and an audio track (M4A: audio only), sample tables that locate every sample, and samples of
 * random bytes. The containers are what a reader walks; the samples are opaque stand-ins for coded
 * frames (Java has no video or AAC encoder), so the files do not play.
 */
final class SyntheticMovies {
  enum Flavour { MP4, MOV, M4A }

  private static final int VIDEO_PER_CHUNK = 15;
  private static final int AUDIO_PER_CHUNK = 22;

  private SyntheticMovies() {}

  static byte[] movie(Flavour flavour, long targetBytes, SplittableRandom random) {
    boolean video = flavour != Flavour.M4A;
    int[] audioSizes = sizes(random, (long) (targetBytes * (video ? 0.05 : 0.99)), 300, 500);
    int[] videoSizes = video ? sizes(random, (long) (targetBytes * 0.94), 20_000, 80_000) : new int[0];

    byte[] ftyp = switch (flavour) {
      case MP4 -> box("ftyp", ascii("isom"), u32(512), ascii("isomiso2mp41"));
      case MOV -> box("ftyp", ascii("qt  "), u32(0x200), ascii("qt  "));
      case M4A -> box("ftyp", ascii("M4A "), u32(0), ascii("M4A mp42isom"));
    };
    // Chunks interleave: video chunk k, then audio chunk k. Offsets are relative to mdat's data.
    Layout layout = new Layout(videoSizes, audioSizes);
    byte[] data = new byte[(int) layout.total];
    random.nextBytes(data);

    ByteArrayOutputStream file = new ByteArrayOutputStream(data.length + 64 * 1024);
    file.writeBytes(ftyp);
    if (flavour == Flavour.MOV) { // QuickTime writers put the movie box last
      long dataStart = ftyp.length + 8;
      file.writeBytes(u32(8 + data.length));
      file.writeBytes(ascii("mdat"));
      file.writeBytes(data);
      file.writeBytes(moov(flavour, layout, dataStart));
    } else { // "fast start": the movie box first, so players can begin before the data arrives
      int moovLength = moov(flavour, layout, 0).length;
      long dataStart = ftyp.length + moovLength + 8;
      file.writeBytes(moov(flavour, layout, dataStart));
      file.writeBytes(u32(8 + data.length));
      file.writeBytes(ascii("mdat"));
      file.writeBytes(data);
    }
    return file.toByteArray();
  }

  /** Where each track's chunks sit in the media data. */
  private static final class Layout {
    final int[] videoSizes;
    final int[] audioSizes;
    final long[] videoChunks;
    final long[] audioChunks;
    final long total;

    Layout(int[] videoSizes, int[] audioSizes) {
      this.videoSizes = videoSizes;
      this.audioSizes = audioSizes;
      videoChunks = new long[chunks(videoSizes.length, VIDEO_PER_CHUNK)];
      audioChunks = new long[chunks(audioSizes.length, AUDIO_PER_CHUNK)];
      long at = 0;
      for (int k = 0; k < Math.max(videoChunks.length, audioChunks.length); k++) {
        if (k < videoChunks.length) {
          videoChunks[k] = at;
          at += sum(videoSizes, k * VIDEO_PER_CHUNK, VIDEO_PER_CHUNK);
        }
        if (k < audioChunks.length) {
          audioChunks[k] = at;
          at += sum(audioSizes, k * AUDIO_PER_CHUNK, AUDIO_PER_CHUNK);
        }
      }
      total = at;
    }
  }

  private static byte[] moov(Flavour flavour, Layout layout, long dataStart) {
    boolean video = layout.videoSizes.length > 0;
    long milliseconds = Math.max(layout.videoSizes.length * 1001L * 1000 / 30_000,
        layout.audioSizes.length * 1024L * 1000 / 44_100);
    byte[] mvhd = fullBox("mvhd", 0, u32(0), u32(0), u32(1000), u32(milliseconds), u32(0x00010000),
        u16(0x0100), new byte[10], matrix(), new byte[24], u32(video ? 3 : 2));
    ByteArrayOutputStream moov = new ByteArrayOutputStream();
    moov.writeBytes(mvhd);
    int trackId = 1;
    if (video) {
      byte[] entry = box("mp4v", new byte[6], u16(1), new byte[16], u16(1920), u16(1080), u32(0x00480000),
          u32(0x00480000), u32(0), u16(1), new byte[32], u16(24), u16(0xFFFF));
      moov.writeBytes(trak(flavour, trackId++, "vide", 30_000, 1001, layout.videoSizes, VIDEO_PER_CHUNK,
          layout.videoChunks, dataStart, entry, 1920, 1080));
    }
    byte[] entry = box("mp4a", new byte[6], u16(1), new byte[8], u16(2), u16(16), u16(0), u16(0),
        u32(44_100L << 16));
    moov.writeBytes(trak(flavour, trackId, "soun", 44_100, 1024, layout.audioSizes, AUDIO_PER_CHUNK,
        layout.audioChunks, dataStart, entry, 0, 0));
    return box("moov", moov.toByteArray());
  }

  private static byte[] trak(Flavour flavour, int id, String handler, int timescale, int delta, int[] sizes,
      int perChunk, long[] chunks, long dataStart, byte[] sampleEntry, int width, int height) {
    long duration = (long) sizes.length * delta;
    long movieDuration = duration * 1000 / timescale;
    boolean audio = handler.equals("soun");
    byte[] tkhd = fullBox("tkhd", 3, u32(0), u32(0), u32(id), u32(0), u32(movieDuration), new byte[8],
        u16(0), u16(0), u16(audio ? 0x0100 : 0), u16(0), matrix(), u32((long) width << 16), u32((long) height << 16));
    byte[] mdhd = fullBox("mdhd", 0, u32(0), u32(0), u32(timescale), u32(duration), u16(0x55C4), u16(0));
    // QuickTime names the component type in pre_defined; ISO leaves it zero.
    byte[] hdlr = fullBox("hdlr", 0, flavour == Flavour.MOV ? ascii("mhlr") : u32(0), ascii(handler),
        new byte[12], ascii(audio ? "SoundHandler\0" : "VideoHandler\0"));
    byte[] mediaHeader = audio ? fullBox("smhd", 0, u16(0), u16(0)) : fullBox("vmhd", 1, u16(0), new byte[6]);
    byte[] dinf = box("dinf", fullBox("dref", 0, u32(1), fullBox("url ", 1)));

    ByteBuffer stsz = ByteBuffer.allocate(4 * sizes.length);
    for (int size : sizes) {
      stsz.putInt(size);
    }
    ByteBuffer stco = ByteBuffer.allocate(4 * chunks.length);
    for (long chunk : chunks) {
      stco.putInt((int) (dataStart + chunk));
    }
    byte[] stbl = box("stbl",
        fullBox("stsd", 0, u32(1), sampleEntry),
        fullBox("stts", 0, u32(1), u32(sizes.length), u32(delta)),
        stsc(sizes.length, perChunk, chunks.length),
        fullBox("stsz", 0, u32(0), u32(sizes.length), stsz.array()),
        fullBox("stco", 0, u32(chunks.length), stco.array()));
    return box("trak", tkhd, box("mdia", mdhd, hdlr, box("minf", mediaHeader, dinf, stbl)));
  }

  /*
   * 'stsc' (§8.7.4): entries { first_chunk, samples_per_chunk, sample_description_index }. Every
   * chunk holds perChunk samples except perhaps the last, which gets an entry of its own.
   */
  private static byte[] stsc(int samples, int perChunk, int chunks) {
    int last = samples - (chunks - 1) * perChunk;
    if (last == perChunk) {
      return fullBox("stsc", 0, u32(1), u32(1), u32(perChunk), u32(1));
    }
    if (chunks == 1) {
      return fullBox("stsc", 0, u32(1), u32(1), u32(last), u32(1));
    }
    return fullBox("stsc", 0, u32(2), u32(1), u32(perChunk), u32(1), u32(chunks), u32(last), u32(1));
  }

  /** Random sizes in [min, max] adding up to {@code total} (the last one trimmed; at least one sample). */
  private static int[] sizes(SplittableRandom random, long total, int min, int max) {
    List<Integer> sizes = new ArrayList<>();
    long sum = 0;
    while (sum < total || sizes.isEmpty()) {
      int size = min + random.nextInt(max - min + 1);
      sizes.add(size);
      sum += size;
    }
    int last = sizes.size() - 1;
    sizes.set(last, (int) Math.max(min, sizes.get(last) - (sum - total)));
    return sizes.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int chunks(int samples, int perChunk) {
    return (samples + perChunk - 1) / perChunk;
  }

  private static long sum(int[] sizes, int from, int n) {
    long total = 0;
    for (int i = from; i < Math.min(sizes.length, from + n); i++) {
      total += sizes[i];
    }
    return total;
  }

  /** The identity transformation matrix of mvhd/tkhd (16.16 and 2.30 fixed point). */
  private static byte[] matrix() {
    return ByteBuffer.allocate(36).putInt(0x00010000).putInt(0).putInt(0)
        .putInt(0).putInt(0x00010000).putInt(0)
        .putInt(0).putInt(0).putInt(0x40000000).array();
  }

  /* A box: size u32 (header included) | type 4cc | payload. */
  private static byte[] box(String type, byte[]... parts) {
    int length = 8;
    for (byte[] part : parts) {
      length += part.length;
    }
    ByteBuffer b = ByteBuffer.allocate(length).putInt(length).put(ascii(type));
    for (byte[] part : parts) {
      b.put(part);
    }
    return b.array();
  }

  /* A full box: a box whose payload starts with version u8 | flags u24. */
  private static byte[] fullBox(String type, int flags, byte[]... parts) {
    byte[][] all = new byte[parts.length + 1][];
    all[0] = u32(flags & 0xFFFFFF); // version 0
    System.arraycopy(parts, 0, all, 1, parts.length);
    return box(type, all);
  }

  private static byte[] u16(int v) {
    return new byte[] {(byte) (v >> 8), (byte) v};
  }

  private static byte[] u32(long v) {
    return ByteBuffer.allocate(4).putInt((int) v).array();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
