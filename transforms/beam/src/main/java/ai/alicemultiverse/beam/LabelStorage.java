package ai.alicemultiverse.beam;

import ai.alicemultiverse.model.MediaRecord;
import ai.alicemultiverse.model.StorageLabels;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Gives every file under a labelled location the storage type its library file names ({@link StorageLabels}),
 * before the copies are merged: the label is then in every table and shard that has a storage type.
 * Without labels the records pass through untouched and no step is added.
 */
public final class LabelStorage extends PTransform<PCollection<MediaRecord>, PCollection<MediaRecord>> {
  private final StorageLabels labels;

  private LabelStorage(StorageLabels labels) {
    this.labels = labels;
  }

  public static LabelStorage of(StorageLabels labels) {
    return new LabelStorage(labels);
  }

  /** {@code records} labelled: the same collection when there are no labels. */
  public static PCollection<MediaRecord> apply(PCollection<MediaRecord> records, StorageLabels labels) {
    return labels.isEmpty() ? records : records.apply("LabelStorage", of(labels));
  }

  @Override
  public PCollection<MediaRecord> expand(PCollection<MediaRecord> records) {
    return records.apply("Label", ParDo.of(new LabelFn(labels))).setCoder(RecordCoders.mediaRecord());
  }

  private static final class LabelFn extends DoFn<MediaRecord, MediaRecord> {
    private final StorageLabels labels;

    LabelFn(StorageLabels labels) {
      this.labels = labels;
    }

    @ProcessElement
    public void process(@Element MediaRecord record, OutputReceiver<MediaRecord> out) {
      String type = labels.of(record.path());
      out.output(type.equals(record.storageType()) ? record : record.withStorageType(type));
    }
  }
}
