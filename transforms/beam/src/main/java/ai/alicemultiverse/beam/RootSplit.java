package ai.alicemultiverse.beam;

import java.util.List;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * What splitting a root gives: patterns still to be listed, and files the split's own listing
 * already described in full (they need no request of their own).
 */
record RootSplit(List<String> patterns, List<MatchResult.Metadata> files) {
  RootSplit {
    patterns = List.copyOf(patterns);
    files = List.copyOf(files);
  }

  static RootSplit of(List<String> patterns) {
    return new RootSplit(patterns, List.of());
  }
}
