package ai.alicemultiverse.xmp;

import java.io.Serializable;

/**
 * What one understanding provider said about the media.
 *
 * @param provider the provider name (e.g. "anthropic"), or null
 * @param model the model name, or null
 * @param output the provider's raw text output, or null
 * @param cost what the call cost in USD, or null when unknown; finite when set
 * @param at when the call was made, ISO-8601, or null
 */
public record ProviderOutput(String provider, String model, String output, Double cost, String at)
    implements Serializable {

  public ProviderOutput {
    provider = Text.emptyToNull(provider);
    model = Text.emptyToNull(model);
    output = Text.emptyToNull(output);
    at = Text.emptyToNull(at);
    Text.checkCost(cost);
  }

  /** True when no field is set; such entries are dropped, since XMP cannot tell them apart. */
  public boolean isEmpty() {
    return provider == null && model == null && output == null && cost == null && at == null;
  }
}
