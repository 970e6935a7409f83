package io.github.braintumor.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.fiji.command.ClassifyTumorSliceCommand;
import io.github.braintumor.fiji.command.SegmentTumorCommand;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Slices of another size or with pixels that are not square, through the Fiji commands; the resample switch. */
class ResamplingCommandsTest {
    @BeforeAll
    static void start() {
        HyperstackTest.start();
    }

    @AfterAll
    static void stop() {
        HyperstackTest.stop();
    }

    /** An RGB stack of two phantom slices (one with tumour) of {@code size}, seeded. */
    static ImagePlus rgb(String title, int size) {
        ImageStack stack = new ImageStack(size, size);
        for (int k = 0; k < 2; k++) {
            SliceImage s = PhantomGenerator.slice(7 + k, size, k == 0).image();
            int plane = size * size;
            int[] px = new int[plane];
            byte[] b = s.pixels();
            for (int i = 0; i < plane; i++) {
                px[i] = (b[i] & 0xff) << 16 | (b[plane + i] & 0xff) << 8 | (b[2 * plane + i] & 0xff);
            }
            stack.addSlice(new ColorProcessor(size, size, px));
        }
        return new ImagePlus(title, stack);
    }

    static Calibration calibration(double pw, double ph) {
        Calibration cal = new Calibration();
        cal.pixelWidth = pw;
        cal.pixelHeight = ph;
        cal.pixelDepth = 3;
        cal.setUnit("mm");
        return cal;
    }

    static SegmentTumorCommand segment(ImagePlus imp, boolean resample) throws Exception {
        return HyperstackTest.run(
                SegmentTumorCommand.class,
                "image",
                imp,
                "model",
                TinyModels.unet().toString(),
                "threshold",
                0.3,
                "probability",
                true,
                "outline",
                false,
                "postprocessing",
                "none",
                "resample",
                resample);
    }

    @Test
    void a512StackIsResampledAndTheTableSaysFromWhatToWhat() throws Exception {
        SegmentTumorCommand c = segment(rgb("big", 512), true);
        assertEquals(512, c.mask().getWidth());
        assertEquals(512, c.probabilityMap().getHeight());
        ResultsTable t = c.table();
        for (int i = 0; i < t.size(); i++) assertEquals("512x512 -> 256x256", t.getStringValue("resampled", i));
        ResultsTable cls = HyperstackTest.run(
                        ClassifyTumorSliceCommand.class,
                        "image",
                        rgb("big", 512),
                        "method",
                        "cnn",
                        "model",
                        TinyModels.classifier().toString(),
                        "overlay",
                        false)
                .table();
        assertEquals("512x512 -> 256x256", cls.getStringValue("resampled", 1));
        ResultsTable native256 = segment(rgb("small", 256), true).table();
        assertEquals("", native256.getStringValue("resampled", 0), "the model's size is not resampled");
    }

    @Test
    void withResampleOffAnotherSizeIsRefusedInOneLine() {
        for (Class<?> command : new Class<?>[] {SegmentTumorCommand.class, ClassifyTumorSliceCommand.class}) {
            ExecutionException e = assertThrows(
                    ExecutionException.class,
                    () -> HyperstackTest.run(
                            command,
                            "image",
                            rgb("big", 512),
                            "model",
                            (command == SegmentTumorCommand.class ? TinyModels.unet() : TinyModels.classifier())
                                    .toString(),
                            "resample",
                            false));
            String m = CommandsTest.rootMessage(e);
            assertEquals(
                    "2 slice(s) are 512x512 but the model's input is 256x256 and resampling is off: switch"
                            + " resampling on (Fiji: the resample check box; CLI: leave out --no-resample) or scale the"
                            + " images to 256x256 first",
                    m,
                    command.getSimpleName());
        }
    }

    @Test
    void pixelsThatAreNotSquareAreSeenSquareAndTablesKeepTheOriginalCalibration() throws Exception {
        ImagePlus plain = rgb("plain", 256);
        ImagePlus iso = rgb("iso", 256);
        iso.setCalibration(calibration(0.5, 0.5));
        ImagePlus aniso = rgb("aniso", 256);
        aniso.setCalibration(calibration(0.5, 1.0));
        SegmentTumorCommand p = segment(plain, true);
        SegmentTumorCommand i = segment(iso, true);
        SegmentTumorCommand a = segment(aniso, true);
        float[] pp = (float[]) p.probabilityMap().getStack().getPixels(1);
        // square calibrated pixels: today's path, number for number
        assertEquals(java.util.Arrays.toString(pp), java.util.Arrays.toString((float[])
                i.probabilityMap().getStack().getPixels(1)));
        assertEquals("", i.table().getStringValue("resampled", 0));
        // not square: the network saw the field of view in its physical proportions
        float[] ap = (float[]) a.probabilityMap().getStack().getPixels(1);
        assertFalse(java.util.Arrays.equals(pp, ap), "the aspect changes what the network sees");
        assertEquals(256 * 256, ap.length, "the answer is on the original grid");
        assertEquals(256, a.mask().getWidth());
        assertEquals(0.5, a.mask().getCalibration().pixelWidth, 0);
        ResultsTable t = a.table();
        assertEquals("256x256 -> 128x256 (padded to 256x256)", t.getStringValue("resampled", 0));
        double pixels = t.getValue("tumour pixels", 0);
        assertTrue(pixels > 0, "the tiny model at 0.3 should mark pixels");
        assertEquals(pixels * 0.5, t.getValue("area (mm^2)", 0), 1e-9, "area in the original calibration");
        assertEquals(
                a.volumeTable().getValue("voxels", 0) * 0.5 * 1.0 * 3,
                a.volumeTable().getValue("volume (mm^3)", 0),
                1e-9);
        // with resampling off, the aspect is not honoured: a 256x256 slice goes as it is
        SegmentTumorCommand off = segment(rgb("aniso-off", 256), false);
        assertEquals(java.util.Arrays.toString(pp), java.util.Arrays.toString((float[])
                off.probabilityMap().getStack().getPixels(1)));
    }
}
