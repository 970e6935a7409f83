package io.github.braintumor.fiji;

import io.github.braintumor.app.StackSegmentation;
import io.github.braintumor.app.TrainingJobs;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.infer.PostProcessing;
import io.github.braintumor.model.BundleSettings;
import io.github.braintumor.model.PostProcessingSettings;
import io.github.braintumor.progress.ProgressListener;
import io.github.braintumor.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

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
            PhantomGenerator.builder()
                    .optSeed(11)
                    .optPatients(5)
                    .optSlicesPerPatient(4)
                    .optHospitals("HT")
                    .build()
                    .write(data);
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

    /**
     * A copy of the tiny UNet in {@code target} whose model.json records lcc=true and a threshold at which its
     * plain masks of {@code slices} have more than one 3-D region (so keeping the largest visibly changes them).
     */
    public static Path unetRecordingLcc(Path target, List<SliceImage> slices) throws Exception {
        Path source = unet();
        Files.createDirectories(target);
        try (var files = Files.list(source)) {
            for (Path f : files.toList()) Files.copy(f, target.resolve(f.getFileName()));
        }
        List<float[]> p = StackSegmentation.run(
                        slices,
                        new StackSegmentation.Settings(
                                target.toString(), Double.NaN, 8, 1, StackSegmentation.PostProcessingChoice.NONE),
                        ProgressListener.silent(),
                        () -> false)
                .result()
                .probabilities();
        float[] all = new float[p.size() * p.get(0).length];
        for (int z = 0; z < p.size(); z++) System.arraycopy(p.get(z), 0, all, z * p.get(0).length, p.get(0).length);
        Arrays.sort(all);
        int w = slices.get(0).width(), h = slices.get(0).height();
        for (double q : new double[] {0.5, 0.7, 0.9, 0.95, 0.99, 0.3, 0.1}) {
            float t = all[(int) (q * (all.length - 1))];
            byte[][] masks = new byte[p.size()][];
            for (int z = 0; z < masks.length; z++)
                masks[z] = PostProcessing.threshold(p.get(z), w, h, t).pixels();
            long before = count(masks), after = count(PostProcessing.largestComponent3d(masks, w, h));
            if (after > 0 && after < before) {
                BundleSettings.write(target, (double) t, new PostProcessingSettings(false, true, 0));
                return target;
            }
        }
        throw new IllegalStateException("no threshold gives the tiny UNet more than one tumour region");
    }

    static long count(byte[][] masks) {
        long n = 0;
        for (byte[] m : masks) for (byte b : m) n += b != 0 ? 1 : 0;
        return n;
    }
}
