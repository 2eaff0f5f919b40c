package ai.alicemultiverse.cli;

import picocli.CommandLine;

/** The version from the jar manifest (or "development" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = AliceCommand.class.getPackage().getImplementationVersion();
    return new String[] {"alice " + (version == null ? "development" : version)};
  }
}
