package ai.alicemultiverse.codec;

import ai.alicemultiverse.io.RegularFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A {@link MediaSource} over a seekable channel: a local file, or Beam's ranged reads on S3/GCS. */
public final class ChannelMediaSource implements MediaSource {
  private final SeekableByteChannel channel;

  public ChannelMediaSource(SeekableByteChannel channel) {
    this.channel = channel;
  }

  /** Opens a regular file; a FIFO, device or socket is refused first (opening a FIFO blocks). */
  public static ChannelMediaSource open(Path path) throws IOException {
    RegularFiles.require(path);
    return new ChannelMediaSource(FileChannel.open(path, StandardOpenOption.READ));
  }

  @Override
  public long size() throws IOException {
    return channel.size();
  }

  @Override
  public int read(long position, ByteBuffer dst) throws IOException {
    if (channel instanceof FileChannel file) {
      return file.read(dst, position); // positional read: no shared cursor
    }
    synchronized (channel) {
      channel.position(position);
      return channel.read(dst);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
