package ai.alicemultiverse.beam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * A location's change signature, from its listing alone (no file is opened): while it is the same, an
 * incremental run reuses the location's previous row instead of reading the file again.
 *
 * <ul>
 *   <li>local files: size, modification time in nanoseconds, status-change time (ctime), inode and
 *       device. A writer that replaces a file by a temporary copy renamed over it and keeps the
 *       modification time (ExifTool {@code -P}, {@code alice tag}) still gives a new inode and ctime.
 *   <li>S3: the ETag (the HEAD Beam's matcher makes of every object), size and Last-Modified.
 *   <li>GCS: the MD5 the listing gives, size and update time (a composite object has no MD5: it has no
 *       signature and is read every time).
 * </ul>
 *
 * The local signature travels in the listing's {@link MatchResult.Metadata#checksum()}, which Beam's
 * object-store matchers fill with the ETag or MD5; {@link SignedMetadataCoder} keeps it across shuffles.
 */
public final class FileSignature {
  private FileSignature() {}

  /** The signature of a listed file, or null when its listing gave none (it is then always read). */
  public static String of(MatchResult.Metadata file) {
    String checksum = file.checksum();
    if (checksum == null) {
      return null;
    }
    String scheme = file.resourceId().getScheme();
    if ("file".equals(scheme)) {
      return checksum; // made by local(): it holds the size and times already
    }
    return scheme + ":" + checksum + ":" + file.sizeBytes() + ":" + file.lastModifiedMillis();
  }

  /** The local signature of {@code file} (one stat, links followed as the listing follows them). */
  public static String local(Path file) throws IOException {
    try {
      Map<String, Object> a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino,dev");
      return "local:" + a.get("size") + ":" + nanos(a.get("lastModifiedTime")) + ":" + nanos(a.get("ctime"))
          + ":" + a.get("ino") + ":" + a.get("dev");
    } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return "local:" + a.size() + ":" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + ":" + a.fileKey();
    }
  }

  /** {@code file} (a local one) with its signature; as it was when it cannot be read now (it is then read). */
  public static MatchResult.Metadata signedLocal(MatchResult.Metadata file) {
    if (file.checksum() != null || !"file".equals(file.resourceId().getScheme())) {
      return file;
    }
    try {
      return withChecksum(file, local(Path.of(file.resourceId().toString())));
    } catch (IOException | RuntimeException e) {
      return file;
    }
  }

  static MatchResult.Metadata withChecksum(MatchResult.Metadata file, String checksum) {
    return MatchResult.Metadata.builder()
        .setResourceId(file.resourceId())
        .setSizeBytes(file.sizeBytes())
        .setLastModifiedMillis(file.lastModifiedMillis())
        .setIsReadSeekEfficient(file.isReadSeekEfficient())
        .setChecksum(checksum)
        .build();
  }

  private static long nanos(Object time) {
    FileTime t = (FileTime) time;
    return t.to(TimeUnit.SECONDS) * 1_000_000_000L + t.toInstant().getNano();
  }
}
