package ai.alicemultiverse.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.jar.Manifest;
import picocli.CommandLine;

/**
 * The version and commit from the jar's manifest, so a bug report names the exact build ("development"
 * when run from classes, as tests do).
 */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = AliceCommand.class.getPackage().getImplementationVersion();
    if (version == null) {
      return new String[] {"alice development"};
    }
    String commit = commit();
    return new String[] {"alice " + version + (commit == null ? "" : " (commit " + commit + ")"),
        "Java " + Runtime.version() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
  }

  /** The manifest entry {@code Build-Commit} of the jar this class came from. */
  private static String commit() {
    URL jar = AliceCommand.class.getProtectionDomain().getCodeSource().getLocation();
    try (InputStream in = new URL("jar:" + jar + "!/META-INF/MANIFEST.MF").openStream()) {
      String commit = new Manifest(in).getMainAttributes().getValue("Build-Commit");
      return commit == null || commit.isBlank() || commit.startsWith("${") ? null : commit;
    } catch (IOException e) {
      return null;
    }
  }
}
