package ai.alicemultiverse.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Where a location lives: local disk, a network mount, S3 or GCS. */
public final class StorageType {
  public static final String LOCAL = "local";
  public static final String NETWORK = "network";
  public static final String S3 = "s3";
  public static final String GCS = "gcs";

  private static final Set<String> NETWORK_FILESYSTEMS =
      Set.of("nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "sshfs", "9p", "afs",
          "ceph", "glusterfs", "fuse.rclone", "davfs", "fuse.s3fs", "fuse.gcsfuse");

  private static volatile List<String> networkMountPoints;

  private StorageType() {}

  /** Whether a location (a root, a prefix, a path) is in an object store, {@code s3://} or {@code gs://}. */
  public static boolean isObjectStore(String location) {
    return location.startsWith("s3://") || location.startsWith("gs://");
  }

  /** The storage type of a Beam resource string such as {@code /data/a.jpg} or {@code s3://b/k}. */
  public static String of(String location) {
    if (location.startsWith("s3://")) {
      return S3;
    }
    if (location.startsWith("gs://")) {
      return GCS;
    }
    String path = location.startsWith("file://") ? location.substring("file://".length()) : location;
    for (String mountPoint : networkMountPoints()) {
      if (path.equals(mountPoint) || path.startsWith(mountPoint.endsWith("/") ? mountPoint : mountPoint + "/")) {
        return NETWORK;
      }
    }
    return LOCAL;
  }

  /** Mount points of network filesystems, longest first, from the kernel's mount table. */
  static List<String> networkMountPoints() {
    List<String> cached = networkMountPoints;
    if (cached == null) {
      cached = readNetworkMounts(Path.of("/proc/self/mounts"));
      networkMountPoints = cached;
    }
    return cached;
  }

  static List<String> readNetworkMounts(Path mountTable) {
    List<String> points = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(mountTable)) {
        // fstab format: device mountpoint fstype options dump pass (spaces escaped as \040)
        String[] fields = line.split(" ");
        if (fields.length >= 3 && NETWORK_FILESYSTEMS.contains(fields[2])) {
          points.add(fields[1].replace("\\040", " "));
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of(); // no mount table (not Linux): everything local
    }
    points.sort(Comparator.comparingInt(String::length).reversed());
    return List.copyOf(points);
  }
}
