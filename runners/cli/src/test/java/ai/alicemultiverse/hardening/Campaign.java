package ai.alicemultiverse.hardening;

/**
 * How big a hardening campaign runs: short in every {@code mvn verify}, full with {@code -Pcampaigns} or
 * {@code -Dalice.campaign=full}. A count can also be set alone, e.g. {@code -Dalice.campaign.kills=500}.
 */
final class Campaign {
  private Campaign() {}

  static boolean full() {
    return "full".equalsIgnoreCase(System.getProperty("alice.campaign", "short"));
  }

  /** {@code -Dalice.campaign.<name>=N} if given, else the full or the short figure. */
  static int size(String name, int shortSize, int fullSize) {
    String given = System.getProperty("alice.campaign." + name);
    if (given != null && !given.isBlank()) {
      return Integer.parseInt(given.trim());
    }
    return full() ? fullSize : shortSize;
  }

  /** The seed of a campaign's random choices: fixed, so a failure can be replayed ({@code -Dalice.campaign.seed}). */
  static long seed() {
    return Long.getLong("alice.campaign.seed", 20261126L);
  }
}
