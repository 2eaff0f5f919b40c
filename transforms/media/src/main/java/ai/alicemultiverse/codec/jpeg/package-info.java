/**
 * JPEG container codec: a marker-segment walker ({@link ai.alicemultiverse.codec.jpeg.JpegSegmentReader}),
 * the APP-segment identifiers ({@link ai.alicemultiverse.codec.jpeg.JpegAppSegment}), Extended XMP
 * reassembly ({@link ai.alicemultiverse.codec.jpeg.ExtendedXmpAssembler}) and splitting
 * ({@link ai.alicemultiverse.codec.jpeg.ExtendedXmpSplitter}), and a writer that copies every other
 * segment and the entropy-coded data byte for byte ({@link ai.alicemultiverse.codec.jpeg.JpegWriter}).
 *
 * <p>May import: {@code codec}, Adobe XMP Core.
 */
package ai.alicemultiverse.codec.jpeg;
