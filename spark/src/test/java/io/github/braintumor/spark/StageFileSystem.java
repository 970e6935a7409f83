package io.github.braintumor.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A Hadoop file system under the scheme {@code stage:} that reads local files: a stand-in for hdfs:// or s3a://
 * in tests, so that the copy of a remote patient folder to the task's local folder runs for real.
 */
public class StageFileSystem extends RawLocalFileSystem {
    @Override
    public URI getUri() {
        return URI.create("stage:///");
    }

    @Override
    public String getScheme() {
        return "stage";
    }
}
