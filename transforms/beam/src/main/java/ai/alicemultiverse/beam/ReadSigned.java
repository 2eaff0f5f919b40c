package ai.alicemultiverse.beam;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.ReadableFileCoder;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.PCollection;

/**
 * Beam's {@code FileIO.readMatches()} for listed files, uncompressed, keeping each file's whole listing:
 * Beam's makes new metadata without the checksum, which holds the file's change signature
 * ({@link FileSignature}) that its record must carry. A {@link FileIO.ReadableFile} can only be made by
 * Beam's own code, so it is made by its coder from the listing's encoding.
 */
public final class ReadSigned
    extends PTransform<PCollection<MatchResult.Metadata>, PCollection<FileIO.ReadableFile>> {
  private static final ReadableFileCoder CODER = ReadableFileCoder.of(SignedMetadataCoder.of());

  public static ReadSigned matches() {
    return new ReadSigned();
  }

  @Override
  public PCollection<FileIO.ReadableFile> expand(PCollection<MatchResult.Metadata> files) {
    return files.apply("ToReadableFile", ParDo.of(new ToReadableFileFn())).setCoder(CODER);
  }

  /** {@code file}, to be read as it is stored (no decompression). */
  static FileIO.ReadableFile readable(MatchResult.Metadata file) {
    try {
      ByteArrayOutputStream encoded = new ByteArrayOutputStream();
      SignedMetadataCoder.of().encode(file, encoded);
      VarIntCoder.of().encode(Compression.UNCOMPRESSED.ordinal(), encoded);
      return CoderUtils.decodeFromByteArray(CODER, encoded.toByteArray());
    } catch (IOException e) {
      throw new IllegalStateException("cannot make a readable file of " + file.resourceId(), e);
    }
  }

  static class ToReadableFileFn extends DoFn<MatchResult.Metadata, FileIO.ReadableFile> {
    @ProcessElement
    public void processElement(@Element MatchResult.Metadata file, OutputReceiver<FileIO.ReadableFile> out) {
      if (!file.resourceId().isDirectory()) { // as readMatches' DirectoryTreatment.SKIP
        out.output(readable(file));
      }
    }
  }
}
