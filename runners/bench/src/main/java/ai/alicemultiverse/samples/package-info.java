/**
 * Makes the sample media set that ships in {@code src/samples} ({@link
 * ai.alicemultiverse.samples.SampleMaker}), deterministically, with the media library.
 *
 * <p>May import: the media library.
 */
package ai.alicemultiverse.samples;
