package io.github.braintumor.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import io.github.braintumor.app.StackSegmentation;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.fiji.command.ClassifyTumorSliceCommand;
import io.github.braintumor.fiji.command.SegmentTumorCommand;
import io.github.braintumor.progress.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.task.TaskService;

/**
 * Hyperstacks keep channels, slices and frames apart: channels are the modalities, each frame is a volume of its
 * own, the outputs have the input's shape and every ROI sits on its slice and frame.
 */
class HyperstackTest {
    static final int Z = 3;
    static final int T = 2;
    /** Which (frame, slice) phantoms carry a tumour: frame 1 slices 2-3, frame 2 slice 1 only. */
    static final boolean[][] TUMOUR = {{false, true, true}, {true, false, false}};

    static Context context;
    static CommandService commands;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        if (context != null) return;
        context = new Context(CommandService.class, StatusService.class, TaskService.class);
        commands = context.service(CommandService.class);
    }

    @AfterAll
    static void stop() {
        if (context == null) return;
        context.dispose();
        context = null;
    }

    static <T> T run(Class<T> command, Object... inputs) throws Exception {
        CommandModule m = commands.run(command.asSubclass(org.scijava.command.Command.class), true, inputs)
                .get();
        return command.cast(m.getDelegateObject());
    }

    /** The phantom slices of frame {@code t} (0-based), seeded. */
    static List<SliceImage> frame(int t) {
        List<SliceImage> slices = new ArrayList<>();
        for (int z = 0; z < Z; z++)
            slices.add(
                    PhantomGenerator.slice(100 + 10L * t + z, 256, TUMOUR[t][z]).image());
        return slices;
    }

    /** A 3-channel composite hyperstack (C, Z, T order) of the given frames, calibrated. */
    static ImagePlus composite(String title, List<List<SliceImage>> frames) {
        ImageStack stack = new ImageStack(256, 256);
        for (List<SliceImage> f : frames) {
            for (SliceImage s : f) {
                for (int c = 0; c < 3; c++) {
                    byte[] plane = new byte[256 * 256];
                    System.arraycopy(s.pixels(), c * plane.length, plane, 0, plane.length);
                    stack.addSlice(new ByteProcessor(256, 256, plane));
                }
            }
        }
        ImagePlus imp = new ImagePlus(title, stack);
        imp.setDimensions(3, frames.get(0).size(), frames.size());
        imp.setOpenAsHyperStack(true);
        Calibration cal = new Calibration();
        cal.pixelWidth = 0.8;
        cal.pixelHeight = 0.8;
        cal.pixelDepth = 2;
        cal.setUnit("mm");
        imp.setCalibration(cal);
        return new CompositeImage(imp, IJ.COMPOSITE);
    }

    static List<List<SliceImage>> frames() {
        List<List<SliceImage>> frames = new ArrayList<>();
        for (int t = 0; t < T; t++) frames.add(frame(t));
        return frames;
    }

    /** A copy of the tiny UNet recording lcc, at a threshold where these slices have several 3-D regions. */
    static synchronized Path lccUnet() throws Exception {
        Path bundle = tmp.resolve("lcc-unet");
        if (!java.nio.file.Files.isDirectory(bundle)) {
            TinyModels.unetRecordingLcc(
                    bundle, frames().stream().flatMap(List::stream).toList());
        }
        return bundle;
    }

    static SegmentTumorCommand segment(ImagePlus imp) throws Exception {
        return run(
                SegmentTumorCommand.class,
                "image",
                imp,
                "model",
                lccUnet().toString(),
                "threshold",
                -1.0,
                "probability",
                true,
                "outline",
                true,
                "output",
                "both");
    }

    static int tumourPixels(ImagePlus mask, int z, int t) {
        return mask.getStack().getProcessor(mask.getStackIndex(1, z, t)).getHistogram()[255];
    }

    @Test
    void theMaskOfAHyperstackHasItsSlicesFramesAndCalibration() throws Exception {
        ImagePlus imp = composite("brain", frames());
        SegmentTumorCommand c = segment(imp);
        for (ImagePlus out : new ImagePlus[] {c.mask(), c.probabilityMap()}) {
            assertEquals(1, out.getNChannels(), out.getTitle());
            assertEquals(Z, out.getNSlices(), out.getTitle());
            assertEquals(T, out.getNFrames(), out.getTitle());
            assertTrue(out.isHyperStack(), out.getTitle());
            assertEquals(0.8, out.getCalibration().pixelWidth, 0);
            assertEquals(2, out.getCalibration().pixelDepth, 0);
            assertEquals("mm", out.getCalibration().getUnit());
        }
        ResultsTable table = c.table();
        assertEquals(Z * T, table.size());
        ResultsTable volume = c.volumeTable();
        assertEquals(T, volume.size(), "one volume row per frame");
        for (int t = 1; t <= T; t++) {
            assertEquals(t, (int) volume.getValue("frame", t - 1));
            long voxels = 0;
            for (int z = 1; z <= Z; z++) {
                int row = (t - 1) * Z + z - 1;
                assertEquals(t, (int) table.getValue("frame", row));
                assertEquals(z, (int) table.getValue("slice", row), "slice counts within the frame");
                assertEquals(tumourPixels(c.mask(), z, t), (int) table.getValue("tumour pixels", row));
                voxels += tumourPixels(c.mask(), z, t);
            }
            assertEquals(voxels, volume.getValue("voxels", t - 1), 0, "frame " + t);
            assertEquals(voxels * 0.8 * 0.8 * 2, volume.getValue("volume (mm^3)", t - 1), 1e-6);
        }
        SegmentTumorCommand labels = run(
                SegmentTumorCommand.class,
                "image",
                composite("brain", frames()),
                "model",
                lccUnet().toString(),
                "threshold",
                -1.0,
                "outline",
                false,
                "output",
                "label");
        assertEquals(T, labels.labels().getNFrames());
        assertEquals(Z, labels.labels().getNSlices());
    }

    @Test
    void everyRoiSitsOnTheSliceAndFrameWhereTheMaskHasTumour() throws Exception {
        ImagePlus imp = composite("brain", frames());
        SegmentTumorCommand c = segment(imp);
        Set<String> tumourPlanes = new HashSet<>();
        for (int t = 1; t <= T; t++) {
            for (int z = 1; z <= Z; z++) if (tumourPixels(c.mask(), z, t) > 0) tumourPlanes.add(z + "/" + t);
        }
        assertFalse(tumourPlanes.isEmpty(), "the tiny model should mark some pixels");
        List<List<Roi>> both = List.of(c.rois(), List.of(imp.getOverlay().toArray()));
        for (List<Roi> rois : both) {
            Set<String> seen = new HashSet<>();
            for (Roi roi : rois) {
                assertEquals(0, roi.getCPosition(), "all channels of the composite: " + roi.getName());
                int z = roi.getZPosition();
                int t = roi.getTPosition();
                assertTrue(tumourPlanes.contains(z + "/" + t), roi.getName() + " on z" + z + " t" + t);
                assertEquals(tumourPixels(c.mask(), z, t), roi.getContainedPoints().length, roi.getName());
                assertTrue(seen.add(z + "/" + t), "one ROI per plane");
            }
            assertEquals(tumourPlanes, seen);
        }
        for (Roi roi : c.rois()) {
            assertEquals("brain:t" + roi.getTPosition() + ":" + roi.getZPosition(), roi.getName());
        }
    }

    @Test
    void postProcessingNeverJoinsFramesEachIsSegmentedAsIfAlone() throws Exception {
        List<List<SliceImage>> frames = frames();
        SegmentTumorCommand all = segment(composite("brain", frames));
        for (int t = 1; t <= T; t++) {
            SegmentTumorCommand alone = segment(composite("frame" + t, List.of(frames.get(t - 1))));
            assertEquals(1, alone.volumeTable().size());
            assertEquals(
                    alone.volumeTable().getValue("voxels", 0),
                    all.volumeTable().getValue("voxels", t - 1),
                    0,
                    "frame " + t);
            for (int z = 1; z <= Z; z++) {
                assertArrayEquals(
                        (byte[]) alone.mask().getStack().getPixels(z),
                        (byte[]) all.mask().getStack().getPixels(all.mask().getStackIndex(1, z, t)),
                        "frame " + t + " slice " + z);
            }
        }
        // the check can fail: the six slices as one volume (one normalisation, one largest region) differ
        List<SliceImage> flat = frames.stream().flatMap(List::stream).toList();
        List<SliceMask> joined = StackSegmentation.run(
                        flat,
                        new StackSegmentation.Settings(lccUnet().toString(), Double.NaN, 4, 1.0),
                        ProgressListener.silent(),
                        () -> false)
                .result()
                .masks();
        boolean differs = false;
        for (int i = 0; i < flat.size(); i++) {
            differs |= !java.util.Arrays.equals(joined.get(i).pixels(), toMask01(all.mask(), i + 1));
        }
        assertTrue(differs, "joining the frames would change the result, so the test above can fail");
        assertTrue(
                all.volumeTable().getValue("voxels", 0) > 0 && all.volumeTable().getValue("voxels", 1) > 0,
                "both frames keep a tumour (joined, the largest region of one would remove the other's)");
    }

    private static byte[] toMask01(ImagePlus mask, int index) {
        byte[] p = ((byte[]) mask.getStack().getPixels(index)).clone();
        for (int i = 0; i < p.length; i++) p[i] = (byte) (p[i] != 0 ? 1 : 0);
        return p;
    }

    @Test
    void classificationSaysFrameAndSliceAndLabelsLandOnTheirPlane() throws Exception {
        List<List<SliceImage>> frames = frames();
        ImagePlus imp = composite("brain", frames);
        ResultsTable t = run(
                        ClassifyTumorSliceCommand.class,
                        "image",
                        imp,
                        "method",
                        "cnn",
                        "model",
                        TinyModels.classifier().toString(),
                        "threshold",
                        0.5,
                        "overlay",
                        true)
                .table();
        assertEquals(Z * T, t.size());
        Roi[] labels = imp.getOverlay().toArray();
        assertEquals(Z * T, labels.length);
        for (int i = 0; i < t.size(); i++) {
            int frame = i / Z + 1;
            int slice = i % Z + 1;
            assertEquals(frame, (int) t.getValue("frame", i));
            assertEquals(slice, (int) t.getValue("slice", i));
            assertEquals(0, labels[i].getCPosition());
            assertEquals(slice, labels[i].getZPosition());
            assertEquals(frame, labels[i].getTPosition());
        }
        // each frame is normalised as a volume of its own: frame 2 scores as it does alone
        ResultsTable alone = run(
                        ClassifyTumorSliceCommand.class,
                        "image",
                        composite("f2", List.of(frames.get(1))),
                        "method",
                        "cnn",
                        "model",
                        TinyModels.classifier().toString(),
                        "threshold",
                        0.5,
                        "overlay",
                        false)
                .table();
        for (int z = 0; z < Z; z++) {
            assertEquals(alone.getValue("probability", z), t.getValue("probability", Z + z), 1e-9, "slice " + (z + 1));
        }
    }

    @Test
    void anOrdinaryStackKeepsPlainStackPositions() throws Exception {
        ImageStack stack = new ImageStack(256, 256);
        for (SliceImage s : frame(0)) {
            int[] rgb = new int[256 * 256];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = (s.unsigned(0, i / 256, i % 256) << 16)
                        | (s.unsigned(1, i / 256, i % 256) << 8)
                        | s.unsigned(2, i / 256, i % 256);
            }
            stack.addSlice(new ij.process.ColorProcessor(256, 256, rgb));
        }
        ImagePlus imp = new ImagePlus("rgb", stack);
        SegmentTumorCommand c = segment(imp);
        assertEquals(1, c.mask().getNFrames());
        assertEquals(Z, c.mask().getStackSize());
        assertFalse(c.rois().isEmpty());
        for (Roi roi : c.rois()) {
            assertFalse(roi.hasHyperStackPosition(), roi.getName());
            assertEquals(Integer.parseInt(roi.getName().substring("rgb:".length())), roi.getPosition());
        }
    }
}
