/**
 * ISO base media file format codec (MP4, MOV, M4A): a box walker ({@link
 * ai.alicemultiverse.codec.isobmff.BoxReader}) over {@link ai.alicemultiverse.codec.isobmff.Box}
 * headers, the per-track sample tables that locate the media chunks ({@link
 * ai.alicemultiverse.codec.isobmff.Track}, {@link ai.alicemultiverse.codec.isobmff.SampleTable}), a
 * writer that rebuilds only the {@code moov} box and streams everything else unchanged ({@link
 * ai.alicemultiverse.codec.isobmff.IsoBmffWriter}), and read-only facts over the same walker: duration
 * and C2PA ({@link ai.alicemultiverse.codec.isobmff.IsoBmffFacts}), track codes ({@link
 * ai.alicemultiverse.codec.isobmff.TrackCodecs}), the boxes a metadata parser is shown ({@link
 * ai.alicemultiverse.codec.isobmff.TopLevelBoxes}) and how deeply they nest ({@link
 * ai.alicemultiverse.codec.isobmff.BoxNesting}). HEIF/AVIF images ({@link
 * ai.alicemultiverse.codec.isobmff.HeifCodec}, read only) share the walker; their image data is located
 * through the {@code meta} box's {@code iloc} ({@link ai.alicemultiverse.codec.isobmff.HeifItems}).
 *
 * <p>May import: {@code codec}.
 */
package ai.alicemultiverse.codec.isobmff;
