/**
 * Imports what AI generators leave in a file into {@code alice:generation}: Stable Diffusion web UI
 * {@code parameters} text ({@link ai.alicemultiverse.generators.A1111Parameters}), ComfyUI
 * {@code prompt} / {@code workflow} graphs ({@link ai.alicemultiverse.generators.ComfyUiGraph}),
 * Midjourney, DALL·E and Firefly style XMP/IPTC fields
 * ({@link ai.alicemultiverse.generators.XmpGeneratorFields}) and C2PA presence. The entry point is
 * {@link ai.alicemultiverse.generators.GeneratorMetadata#read}. Text from an unknown source is kept
 * raw in the parameters, so nothing a generator wrote is lost.
 *
 * What a container holds outside its XMP (text chunks, EXIF comment, C2PA) comes from {@link
 * ai.alicemultiverse.codec.ContainerCodec#generatorTraces}.
 *
 * <p>May import: {@code codec} (not its format sub-packages), {@code xmp}, Adobe XMP Core, Jackson.
 */
package ai.alicemultiverse.generators;
