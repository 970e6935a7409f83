import io.github.braintumor.data.LggDataset;
import io.github.braintumor.eval.BundleModels;
import io.github.braintumor.eval.Evaluation;
import io.github.braintumor.eval.EvaluationResult;
import io.github.braintumor.eval.InputCondition;
import io.github.braintumor.eval.SegmentationModel;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Campaign experiment (issue 26): two UNet bundles averaged pixel by pixel, evaluated as the embedded default is
 * (tta + lcc_rel, threshold 0.5) under each input condition. Not product code: it measures whether an ensemble pays.
 *
 *   java -cp "target/Brain_Tumor-0.1.0-SNAPSHOT.jar:target/lib/*" campaign/Ensemble.java DATA OUT UNET_A UNET_B \
 *       PATIENTS as-is,flair-only
 */
public class Ensemble {
    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]), out = Path.of(a[1]);
        List<String> patients = Arrays.asList(a[4].split(","));
        try (ModelBundle ua = ModelBundle.load(Path.of(a[2]), ModelKind.UNET);
                ModelBundle ub = ModelBundle.load(Path.of(a[3]), ModelKind.UNET);
                BundleModels.Segmentation sa = BundleModels.segmenter(ua, 8);
                BundleModels.Segmentation sb = BundleModels.segmenter(ub, 8)) {
            SegmentationModel mean = (slices, cancel) -> {
                List<float[]> pa = sa.probabilities(slices, cancel), pb = sb.probabilities(slices, cancel);
                List<float[]> m = new ArrayList<>();
                for (int i = 0; i < pa.size(); i++) {
                    float[] x = pa.get(i).clone();
                    for (int k = 0; k < x.length; k++) x[k] = (x[k] + pb.get(i)[k]) / 2;
                    m.add(x);
                }
                return m;
            };
            LggDataset d = LggDataset.index(data);
            for (InputCondition c : InputCondition.parse(a[5], "", "")) {
                EvaluationResult r = Evaluation.builder(d).optSegmentationModel(mean, "ensemble", 0.5)
                        .optPatients(patients).optTta(true).optLargestComponent(true).optLccBy("relative")
                        .optCondition(c).setOutput(out.resolve(c.name())).build().run();
                System.out.println(c.name() + " dice_per_patient_mean " + r.summary().dicePerPatientMean()
                        + " empty_slices_false_positive_rate " + r.summary().emptySlicesFalsePositiveRate()
                        + " iou_tumour_slices_mean " + r.summary().iouTumourSlicesMean());
            }
        }
    }
}
