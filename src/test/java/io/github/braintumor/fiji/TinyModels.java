package io.github.braintumor.fiji;

import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.train.ProgressListener;
import io.github.braintumor.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Phantom patients and tiny trained bundles (UNet features 4, 1 epoch) shared by the tests of this package and
 * the CLI, made once per build under target/tiny-models (delete it to retrain).
 */
public final class TinyModels {
    private static final Path ROOT = Paths.get("target", "tiny-models").toAbsolutePath();

    private TinyModels() {}

    /** Five phantom patients of one hospital (so a 20% validation split has one), four 256x256 slices each. */
    public static synchronized Path data() throws Exception {
        Path data = ROOT.resolve("phantom");
        if (!Files.isDirectory(data.resolve("kaggle_3m"))) {
            PhantomGenerator.builder().optSeed(11).optPatients(5).optSlicesPerPatient(4).optHospitals("HT").build().write(data);
        }
        return data;
    }

    public static synchronized Path unet() throws Exception {
        Path bundle = ROOT.resolve("unet");
        if (!Files.isRegularFile(bundle.resolve("model.json"))) {
            TrainingResult r = TrainingJobs.segmenter(settings(bundle, 64), 4, ProgressListener.silent(), () -> false);
            if (r.bundle() == null) throw new IllegalStateException("tiny UNet training wrote no bundle");
        }
        return bundle;
    }

    public static synchronized Path classifier() throws Exception {
        Path bundle = ROOT.resolve("classifier");
        if (!Files.isRegularFile(bundle.resolve("model.json"))) {
            TrainingResult r = TrainingJobs.classifier(settings(bundle, 0), ProgressListener.silent(), () -> false);
            if (r.bundle() == null) throw new IllegalStateException("tiny classifier training wrote no bundle");
        }
        return bundle;
    }

    /** One epoch of 8 samples in batches of 2. */
    public static TrainingJobs.Settings settings(Path bundle, int crop) throws Exception {
        return new TrainingJobs.Settings(data(), bundle, 1, 2, 1e-3, crop, 1, 8);
    }
}
