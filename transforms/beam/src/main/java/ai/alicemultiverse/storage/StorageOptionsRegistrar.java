package ai.alicemultiverse.storage;

import java.util.List;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/**
 * Makes the S3 filesystem's options known to the command-line parser. Beam's AWS module registers
 * only {@code AwsOptions}, so {@code --s3ClientFactoryClass} (and {@code --s3-path-style}, which
 * sets it) would be refused as an unknown option. Found through {@code META-INF/services}.
 */
public class StorageOptionsRegistrar implements PipelineOptionsRegistrar {
  @Override
  public Iterable<Class<? extends PipelineOptions>> getPipelineOptions() {
    return List.of(S3Options.class);
  }
}
