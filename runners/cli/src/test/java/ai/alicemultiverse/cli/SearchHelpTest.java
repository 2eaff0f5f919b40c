package ai.alicemultiverse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code alice search --help} reads as paragraphs at any width: its text has no hard line breaks of its own that
 * picocli would wrap again (at 80 columns a hard-broken 95-column line became a long line and a stub).
 */
class SearchHelpTest {
  @Test
  void eachParagraphIsOneLineWhenTheScreenIsWideEnough() {
    CommandLine search = AliceCommand.commandLine().getSubcommands().get("search");
    search.setUsageHelpWidth(2000);

    String help = search.getUsageMessage(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));

    assertThat(help.lines()).anyMatch(line -> line.startsWith("Every filter narrows the result")
        && line.endsWith("the same words scattered."));
    assertThat(help.lines()).anyMatch(line -> line.startsWith("The cache is opened read-only")
        && line.endsWith("swapped in)."));
    assertThat(help).contains("--rating=N", "--taken-since=DATE", "--taken-until=DATE", "--near=LAT,LON,KM");
  }

  @Test
  void atEightyColumnsNoLineIsAStubOfAWrappedOne() {
    CommandLine search = AliceCommand.commandLine().getSubcommands().get("search");
    search.setUsageHelpWidth(80);

    String help = search.getUsageMessage(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));

    String description = help.substring(help.indexOf("Every filter"), help.indexOf("The cache is opened"));
    java.util.List<String> lines = description.strip().lines().toList();
    for (String line : lines.subList(0, lines.size() - 1)) {
      assertThat(line.length()).as(line).isGreaterThan(60); // picocli fills every line but the paragraph's last
    }
  }
}
