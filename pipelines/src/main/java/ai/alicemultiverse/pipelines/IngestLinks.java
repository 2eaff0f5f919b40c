package ai.alicemultiverse.pipelines;

import ai.alicemultiverse.model.Root;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a matched file really is, seen from the ingest's roots. A file reached through a symbolic link (the file
 * itself or a folder on the way down from its root) is written only when that is what the user asked for:
 *
 * <ul>
 *   <li>a link whose target lies outside every root would rewrite a file the user never named (another album,
 *       a system folder): indexed as it is, not written, unless {@code --follow-links};
 *   <li>a link whose target lies inside a root: the target is ingested under its own name, so writing through
 *       the link would write the same file twice; it is left to the target's own turn;
 *   <li>a file named on the command line is written through, as {@code alice tag} does: the user named it.
 * </ul>
 */
final class IngestLinks implements Serializable {
  private static final long serialVersionUID = 1L;

  enum Kind {
    /** No link on the way from the root (or a file named on the command line): write it. */
    PLAIN,
    /** Through a link to a file inside a root: that file is ingested under its own name. */
    TO_INSIDE,
    /** Through a link to a file outside every root. */
    TO_OUTSIDE
  }

  /** How a file is reached, and the real file behind it (null for {@link Kind#PLAIN}). */
  record Verdict(Kind kind, Path target) {}

  private final List<String> roots = new ArrayList<>(); // absolute, as named: links not resolved
  private final List<String> realRoots = new ArrayList<>();
  private final List<String> namedFiles = new ArrayList<>();

  /** {@code patterns} as made by {@code RootPatterns.of}: {@code folder/**}, a file, or a glob. */
  static IngestLinks of(List<String> patterns) {
    IngestLinks links = new IngestLinks();
    for (String pattern : patterns) {
      Root root = Root.parse(pattern);
      Path base = root.localBase();
      if (!root.isGlob()) {
        links.namedFiles.add(base.toString());
        continue;
      }
      links.roots.add(base.toString());
      links.realRoots.add(realOrSame(base).toString());
    }
    return links;
  }

  Verdict judge(Path file) throws IOException {
    Path absolute = file.toAbsolutePath().normalize();
    if (namedFiles.contains(absolute.toString())) {
      return new Verdict(Kind.PLAIN, null);
    }
    Path root = rootOf(absolute);
    if (!reachedThroughLink(absolute, root)) {
      return new Verdict(Kind.PLAIN, null);
    }
    Path target = file.toRealPath();
    for (String realRoot : realRoots) {
      if (target.startsWith(realRoot)) {
        return new Verdict(Kind.TO_INSIDE, target);
      }
    }
    return new Verdict(Kind.TO_OUTSIDE, target);
  }

  private Path rootOf(Path file) {
    Path best = null;
    for (String root : roots) {
      Path candidate = Path.of(root);
      if (file.startsWith(candidate) && (best == null || candidate.getNameCount() > best.getNameCount())) {
        best = candidate;
      }
    }
    return best;
  }

  /** The file or a folder below {@code root} (the root itself is what the user named) is a symbolic link. */
  private static boolean reachedThroughLink(Path file, Path root) {
    for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        return true;
      }
      if (root == null) {
        return false; // not under a known root: only the file itself is judged
      }
    }
    return false;
  }

  private static Path realOrSame(Path root) {
    try {
      return root.toRealPath();
    } catch (IOException e) {
      return root;
    }
  }
}
