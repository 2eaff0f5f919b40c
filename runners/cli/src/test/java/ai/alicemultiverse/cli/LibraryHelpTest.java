package ai.alicemultiverse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command that takes the library file's locations says so in its --help, with where it is looked for. */
class LibraryHelpTest {
  @Test
  void rebuildScanVerifyAndWatchNameTheLibraryFileAndInit() {
    CommandLine alice = AliceCommand.commandLine();
    for (String command : new String[] {"rebuild", "scan", "verify", "watch"}) {
      String help = alice.getSubcommands().get(command).getUsageMessage(CommandLine.Help.defaultColorScheme(
          CommandLine.Help.Ansi.OFF)).replaceAll("\\s+", " ");

      assertThat(help).as(command).contains("With no ").contains("library file").contains("./alice.toml")
          .contains("$XDG_CONFIG_HOME/alice/alice.toml").contains("'alice init'").contains("--config=FILE")
          .contains("--cache");
    }
  }

  @Test
  void initIsACommand() {
    assertThat(AliceCommand.commandLine().getSubcommands()).containsKey("init");
  }
}
