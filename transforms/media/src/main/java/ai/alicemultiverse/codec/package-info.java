/**
 * Container codecs behind one interface: {@link ai.alicemultiverse.codec.ContainerCodec} reads a file's
 * XMP packet, writes a new one losslessly and names the payload ranges the content hash covers;
 * {@link ai.alicemultiverse.codec.Codecs} picks the codec by content ({@link
 * ai.alicemultiverse.codec.MediaFormat}). Files are read through a random-access {@link
 * ai.alicemultiverse.codec.MediaSource}, so only the metadata regions are fetched on the fast path.
 * One sub-package per container; nothing format-specific lives outside it: what other layers ask of a
 * container (generator traces, a stated duration, track codes, what a metadata parser is shown: {@link
 * ai.alicemultiverse.codec.ParserView}) is a {@code ContainerCodec} method with a per-format answer,
 * returning value types of this package.
 *
 * <p>May import: the JDK, and its own sub-packages only to list the codecs ({@code Codecs}); each
 * sub-package imports this package (WebP, WAV and AVI also {@code codec.riff}), never another format's.
 * Read-only formats ({@link ai.alicemultiverse.codec.MediaFormat#writable()} false: HEIF/AVIF, AVI and the
 * whole-file ones) have codecs too; their {@code writeXmp} refuses with the format's reason.
 */
package ai.alicemultiverse.codec;
