/**
 * Imports what AI generators leave in a file into {@code alice:generation}: Stable Diffusion web UI
 * {@code parameters} text ({@link ai.alicemultiverse.generators.A1111Parameters}), ComfyUI
 * {@code prompt} / {@code workflow} graphs ({@link ai.alicemultiverse.generators.ComfyUiGraph}),
 * Midjourney, DALL·E and Firefly style XMP/IPTC fields
 * ({@link ai.alicemultiverse.generators.XmpGeneratorFields}) and C2PA presence. The entry point is
 * {@link ai.alicemultiverse.generators.GeneratorMetadata#read}. Text from an unknown source is kept
 * raw in the parameters, so nothing a generator wrote is lost.
 *
 * <p>May import: {@code codec}, {@code xmp}, Adobe XMP Core, Jackson. (It still reaches into
 * {@code codec.png}, {@code codec.jpeg} and {@code codec.isobmff} for what the containers hold;
 * {@code ContainerCodec} should answer that.)
 */
package ai.alicemultiverse.generators;
