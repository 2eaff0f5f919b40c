package ai.alicemultiverse.beam;

import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/** Reads embedded metadata and content hashes in parallel; unreadable files go to an errors output. */
public class ExtractMedia extends PTransform<PCollection<FileIO.ReadableFile>, PCollectionTuple> {
  private final boolean verify;

  private ExtractMedia(boolean verify) {
    this.verify = verify;
  }

  /** Trusts embedded content hashes (reads metadata regions only). */
  public static ExtractMedia fast() {
    return new ExtractMedia(false);
  }

  /** Recomputes every hash from the media and reports files whose embedded hash is stale. */
  public static ExtractMedia verifying() {
    return new ExtractMedia(true);
  }

  @Override
  public PCollectionTuple expand(PCollection<FileIO.ReadableFile> files) {
    PCollectionTuple out = files.apply("Extract",
        ParDo.of(new ExtractMediaFn(verify))
            .withOutputTags(ExtractMediaFn.RECORDS, TupleTagList.of(ExtractMediaFn.ERRORS)));
    out.get(ExtractMediaFn.RECORDS).setCoder(RecordCoders.mediaRecord());
    out.get(ExtractMediaFn.ERRORS).setCoder(RecordCoders.fileError());
    return out;
  }
}
