package ai.alicemultiverse.beam;

import ai.alicemultiverse.model.Root;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/** Turns the roots a user names into Beam match patterns ({@link Root#pattern}): a folder is searched recursively. */
public final class RootPatterns {
  private RootPatterns() {}

  public static List<String> of(List<String> roots) throws NoSuchFileException {
    List<String> patterns = new ArrayList<>();
    for (String root : roots) {
      patterns.add(of(root));
    }
    return patterns;
  }

  public static String of(String root) throws NoSuchFileException {
    return Root.parse(root).pattern();
  }
}
