package ai.alicemultiverse.codec;

import java.util.List;

/**
 * The parts of a file a metadata parser is shown in place of the whole, and what the codec measured
 * while choosing them.
 *
 * @param ranges the byte ranges, in file order
 * @param durationSeconds the playing time the codec found (it stands over the parser's, which saw a
 *     part only), or null to keep the parser's
 */
public record MetadataRegions(List<ByteRange> ranges, Double durationSeconds) {
  public MetadataRegions {
    ranges = List.copyOf(ranges);
  }
}
