package ai.alicemultiverse.understanding;

import java.io.IOException;
import java.io.Serializable;

/**
 * Says what a media file shows or sounds like. Implementations are serializable so a Beam worker
 * can carry one; they open their own connections lazily and are safe to call from many threads.
 */
public interface UnderstandingProvider extends Serializable {

  /** The name recorded as {@code provider} in provider_outputs (e.g. {@code offline}). */
  String name();

  /**
   * @throws IOException when the provider cannot answer (unreachable, timed out, HTTP error); the
   *     message names the reason and never contains a credential
   */
  Understanding understand(MediaItem item) throws IOException;
}
