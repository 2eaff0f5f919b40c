package ai.alicemultiverse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Help text has no hard line breaks inside a sentence: picocli wraps each paragraph to the terminal's width, so a
 * paragraph written as several strings shows ragged short lines on a wide terminal and lines broken twice on a
 * narrow one. Rendered {@link #UNWRAPPED} wide, picocli wraps nothing, so a line there that ends mid-sentence (no
 * closing punctuation, the next line at the same indentation going on in lower case) was broken by hand.
 */
class HelpWrapsTest {
  /** Owned elsewhere; its help is checked once it is rewritten. */
  private static final List<String> NOT_CHECKED = List.of("search");

  /** Wider than any paragraph of the help: nothing is wrapped by picocli. */
  private static final int UNWRAPPED = 3000;

  @Test
  void noParagraphIsBrokenByHand() {
    CommandLine alice = unwrapped(AliceCommand.commandLine());
    List<String> broken = new ArrayList<>(hardBreaks("alice", alice));
    for (Map.Entry<String, CommandLine> command : alice.getSubcommands().entrySet()) {
      if (!NOT_CHECKED.contains(command.getKey())) {
        broken.addAll(hardBreaks("alice " + command.getKey(), command.getValue()));
      }
    }
    assertThat(broken).as("lines of --help that end mid-sentence").isEmpty();
  }

  @Test
  void everyHelpStillRendersAtANarrowWidth() {
    CommandLine alice = AliceCommand.commandLine();
    alice.setUsageHelpAutoWidth(false);
    alice.setUsageHelpWidth(60);
    for (Map.Entry<String, CommandLine> command : alice.getSubcommands().entrySet()) {
      assertThat(command.getValue().getUsageMessage(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF)))
          .as(command.getKey()).contains("Usage: alice " + command.getKey());
    }
  }

  @Test
  void theCheckFindsAParagraphWrittenAsTwoStrings() {
    assertThat(hardBreaks("hard", unwrapped(new CommandLine(new HardBroken())))).hasSize(1);
  }

  private static CommandLine unwrapped(CommandLine command) {
    command.setUsageHelpAutoWidth(false);
    command.setUsageHelpWidth(UNWRAPPED);
    return command;
  }

  @CommandLine.Command(name = "hard", description = {"A paragraph written as two strings, so it is broken",
      "after 'broken' whatever the width."})
  static final class HardBroken {}

  static List<String> hardBreaks(String name, CommandLine command) {
    String help = command.getUsageMessage(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    List<String> lines = help.lines().toList();
    List<String> found = new ArrayList<>();
    for (int i = 0; i + 1 < lines.size(); i++) {
      String line = lines.get(i).stripTrailing();
      String next = lines.get(i + 1);
      String nextText = next.strip();
      if (line.isBlank() || nextText.isEmpty() || indent(next) != indent(line) || isExample(line.strip())
          || isExample(nextText)) {
        continue;
      }
      if (!line.matches(".*[.:;!?)]") && Character.isLowerCase(nextText.codePointAt(0))) {
        found.add(name + ": \"" + line.strip() + "\" / \"" + nextText + "\"");
      }
    }
    return found;
  }

  private static boolean isExample(String text) {
    return text.startsWith("alice ") || text.startsWith("#") || text.contains("   # ");
  }

  private static int indent(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }
}
