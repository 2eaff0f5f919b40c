package ai.alicemultiverse.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The storage types a user gave to local locations ({@code external} for a USB disk, {@code network} for a
 * mount the kernel does not name as one), which win over what {@link StorageType#of} finds for the files
 * under them. Object stores need none: an {@code s3://} location is {@code s3}, a {@code gs://} one
 * {@code gcs}. Serializable, so a pipeline's workers label what they read as the job was told.
 */
public final class StorageLabels implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final StorageLabels NONE = new StorageLabels(List.of());

  /** Deepest root first: a file under two labelled locations takes the nearer one's label. */
  private final List<Labelled> labelled;

  private record Labelled(Root root, String label) implements Serializable {}

  private StorageLabels(List<Labelled> labelled) {
    this.labelled = labelled;
  }

  public static StorageLabels none() {
    return NONE;
  }

  /**
   * Labels for the files under each local root (a glob's are those under its folder part).
   *
   * @param labels root as a user names it → label
   */
  public static StorageLabels of(Map<String, String> labels) {
    List<Labelled> labelled = new ArrayList<>();
    labels.forEach((named, label) -> {
      Root root = Root.parse(named);
      if (!root.isObjectStore()) {
        labelled.add(new Labelled(root.isGlob() ? Root.parse(root.localBase().toString()) : root, label));
      }
    });
    labelled.sort(Comparator.comparingInt((Labelled l) -> l.root().toString().length()).reversed());
    return labelled.isEmpty() ? NONE : new StorageLabels(List.copyOf(labelled));
  }

  public boolean isEmpty() {
    return labelled.isEmpty();
  }

  /** The storage type of {@code location}: its location's label, else {@link StorageType#of}. */
  public String of(String location) {
    for (Labelled l : labelled) {
      if (l.root().contains(location)) {
        return l.label();
      }
    }
    return StorageType.of(location);
  }
}
