/**
 * The {@code alice} command line (picocli): one command class per verb over the pipelines and the
 * cache ({@link ai.alicemultiverse.cli.AliceCommand} lists them), one error handler that turns a
 * failure into one line naming the file and the reason ({@link ai.alicemultiverse.cli.ErrorHandler}).
 *
 * <p>May import: every layer below. Nothing imports it but the benches.
 */
package ai.alicemultiverse.cli;
