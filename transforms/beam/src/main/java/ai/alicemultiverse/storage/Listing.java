package ai.alicemultiverse.storage;

import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/** Listing through Beam's file systems (local, {@code s3://}, {@code gs://}) where nothing is a fine answer. */
public final class Listing {
  private Listing() {}

  /** What {@code glob} matches: none when nothing does; a listing that failed throws its own error. */
  public static List<MatchResult.Metadata> of(String glob) throws IOException {
    MatchResult listing = FileSystems.match(glob, EmptyMatchTreatment.ALLOW);
    return listing.status() == MatchResult.Status.NOT_FOUND ? List.of() : listing.metadata();
  }
}
