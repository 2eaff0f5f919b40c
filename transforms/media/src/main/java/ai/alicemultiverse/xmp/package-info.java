/**
 * The alice metadata model and its XMP form: {@link ai.alicemultiverse.xmp.AliceMetadata} (an
 * immutable value with a JSON form) and {@link ai.alicemultiverse.xmp.AliceXmp} (safe parsing,
 * reading, and writing into an existing packet without losing other tools' properties). Built on
 * Adobe XMP Core; containers (codec packages) only move packets in and out of files.
 *
 * <p>May import: {@code codec}, Adobe XMP Core.
 */
package ai.alicemultiverse.xmp;
