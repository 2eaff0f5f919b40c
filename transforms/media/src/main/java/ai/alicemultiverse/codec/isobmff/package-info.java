/**
 * ISO base media file format codec (MP4, MOV, M4A): a box walker ({@link
 * ai.alicemultiverse.codec.isobmff.BoxReader}) over {@link ai.alicemultiverse.codec.isobmff.Box}
 * headers, the per-track sample tables that locate the media chunks ({@link
 * ai.alicemultiverse.codec.isobmff.Track}, {@link ai.alicemultiverse.codec.isobmff.SampleTable}) and a
 * writer that rebuilds only the {@code moov} box and streams everything else unchanged ({@link
 * ai.alicemultiverse.codec.isobmff.IsoBmffWriter}).
 *
 * <p>May import: {@code codec}.
 */
package ai.alicemultiverse.codec.isobmff;
