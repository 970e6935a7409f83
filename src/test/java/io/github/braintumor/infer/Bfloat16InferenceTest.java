package io.github.braintumor.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.engine.Precision;
import io.github.braintumor.model.EmbeddedModels;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** bfloat16 inference of the shipped models agrees with float32 (and really runs in bfloat16). */
class Bfloat16InferenceTest {
    static final List<SliceImage> STACK = new ArrayList<>();

    @BeforeAll
    static void stack() {
        DjlEngine.start();
        for (int i = 0; i < 6; i++)
            STACK.add(PhantomGenerator.slice(100 + i, 256, i % 3 != 0).image());
    }

    private static SegmentationResult segment(ModelBundle unet, Precision p) {
        try (DefaultSegmenter s = new DefaultSegmenter(
                unet, InferenceOptions.builder().optPrecision(p).build())) {
            return s.segment(STACK, ProgressListener.silent(), () -> false);
        }
    }

    @Test
    void defaultUnetMasksAgreeWithFloat32() throws Exception {
        try (ModelBundle unet = EmbeddedModels.load(ModelKind.UNET)) {
            SegmentationResult full = segment(unet, Precision.FLOAT32);
            SegmentationResult half = segment(unet, Precision.BFLOAT16);
            double maxDiff = 0;
            double sumDiff = 0;
            long pixels = 0;
            boolean anyDiff = false;
            long both = 0;
            long sum = 0;
            for (int z = 0; z < STACK.size(); z++) {
                float[] a = full.probabilities().get(z);
                float[] b = half.probabilities().get(z);
                for (int i = 0; i < a.length; i++) {
                    maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
                    sumDiff += Math.abs(a[i] - b[i]);
                    pixels++;
                    anyDiff |= a[i] != b[i];
                }
                SliceMask ma = full.masks().get(z);
                SliceMask mb = half.masks().get(z);
                for (int i = 0; i < ma.pixels().length; i++) {
                    boolean x = ma.pixels()[i] != 0;
                    boolean y = mb.pixels()[i] != 0;
                    if (x && y) both++;
                    if (x) sum++;
                    if (y) sum++;
                }
            }
            assertTrue(anyDiff, "bfloat16 gave float32's probabilities bit for bit: it did not run in bfloat16");
            // bfloat16 keeps 8 bits of mantissa: the odd pixel on a steep edge of the sigmoid moves by ~0.1 (the
            // features-32 default: 0.115), the mean stays tiny, and what matters, the masks, agree
            double meanDiff = sumDiff / pixels;
            System.out.printf("bfloat16 vs float32: max %.4f, mean %.6f%n", maxDiff, meanDiff);
            assertTrue(maxDiff < 0.2, "max probability difference " + maxDiff);
            assertTrue(meanDiff < 0.002, "mean probability difference " + meanDiff);
            assertTrue(sum > 0, "the phantom tumours were not found at all");
            double dice = 2.0 * both / sum;
            System.out.printf("bfloat16 vs float32 masks: Dice %.5f%n", dice);
            assertTrue(dice > 0.98, "Dice between float32 and bfloat16 masks " + dice);
        }
    }

    @Test
    void defaultClassifierAgreesWithFloat32() throws Exception {
        try (ModelBundle cnn = EmbeddedModels.load(ModelKind.CLASSIFIER)) {
            double[][] p = new double[2][];
            Precision[] ps = {Precision.FLOAT32, Precision.BFLOAT16};
            for (int k = 0; k < 2; k++) {
                try (DefaultSliceClassifier c = new DefaultSliceClassifier(
                        cnn, InferenceOptions.builder().optPrecision(ps[k]).build())) {
                    p[k] = c.classify(STACK, ProgressListener.silent(), () -> false);
                }
            }
            for (int i = 0; i < STACK.size(); i++) {
                assertEquals(p[0][i], p[1][i], 0.05, "slice " + i);
            }
        }
    }

    @Test
    void aTorchScriptModuleKeepsItsOwnTypes() throws Exception {
        try (ModelBundle unet = EmbeddedModels.load(ModelKind.UNET);
                PtNDManager m = (PtNDManager) unet.model().getNDManager().newSubManager()) {
            BatchedForward f = new BatchedForward(
                    unet,
                    InferenceOptions.builder().optPrecision(Precision.BFLOAT16).build(),
                    ModelKind.UNET,
                    "test");
            assertEquals(Precision.BFLOAT16, f.precision(unet.model().getBlock()));
            assertEquals(Precision.FLOAT32, f.precision(new PtSymbolBlock(m)));
            BatchedForward auto = new BatchedForward(
                    unet,
                    InferenceOptions.builder().optPrecision(Precision.FLOAT32).build(),
                    ModelKind.UNET,
                    "test");
            assertFalse(auto.precision(unet.model().getBlock()) == Precision.BFLOAT16);
        }
    }
}
