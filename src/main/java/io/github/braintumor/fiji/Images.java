package io.github.braintumor.fiji;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.plugin.filter.ThresholdToSelection;
import ij.plugin.frame.RoiManager;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;
import io.github.braintumor.infer.PostProcessing;
import ij.process.ImageProcessor;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.imagej.ImagePlusSlices;
import io.github.braintumor.io.AtomicFiles;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ImageJ images in and out of the plugin: slices for the models, mask and probability stacks, outline overlays.
 *
 * <pre>{@code
 * List<SliceImage> slices = Images.slices(IJ.getImage());
 * ImagePlus mask = Images.maskStack("brain-mask", result.masks(), imp.getCalibration());
 * }</pre>
 */
public final class Images {
    private Images() {}

    /** The image's slices as 3-channel model input (RGB, 3-channel composite, or one channel replicated). */
    public static List<SliceImage> slices(ImagePlus imp) {
        if (imp == null) throw new IllegalArgumentException("no image: open an MRI slice or stack first");
        checkSourceFile(imp);
        return ImagePlusSlices.toSliceImages(imp);
    }

    /**
     * The TIFF an open image came from gets the same integrity checks as a file given to the CLI: ImageJ opens a
     * damaged compressed strip as black pixels, which would be segmented without a word.
     *
     * @throws IllegalArgumentException naming the file and the damage
     */
    static void checkSourceFile(ImagePlus imp) {
        ij.io.FileInfo fi = imp.getOriginalFileInfo();
        if (fi == null || fi.fileName == null || fi.directory == null || fi.directory.isEmpty()) return;
        String name = fi.fileName.toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".tif") && !name.endsWith(".tiff")) return;
        java.nio.file.Path file = java.nio.file.Path.of(fi.directory, fi.fileName);
        if (!java.nio.file.Files.isRegularFile(file)) return;
        try {
            io.github.braintumor.data.LggTiff.checkDeclaredSize(file);
        } catch (io.github.braintumor.data.LggDataException e) {
            throw new IllegalArgumentException("image '" + imp.getTitle() + "' was opened from a damaged file: "
                    + e.getMessage(), e);
        }
    }

    /** What the conversion did beyond copying (e.g. one channel replicated), or "" : for the log. */
    public static String conversionNote(ImagePlus imp) {
        return ImagePlusSlices.conversionNote(imp);
    }

    /** An 8-bit mask image (non-zero = tumour) as one mask per slice. */
    public static List<SliceMask> masks(ImagePlus imp) {
        if (imp == null) throw new IllegalArgumentException("no mask image given");
        return ImagePlusSlices.toSliceMasks(imp);
    }

    /** An 8-bit 0/255 stack, calibrated like the input. */
    public static ImagePlus maskStack(String title, List<SliceMask> masks, Calibration calibration) {
        ImagePlus imp = ImagePlusSlices.sliceMasksImage(masks, title);
        if (calibration != null) imp.setCalibration(calibration.copy());
        return imp;
    }

    /** A 32-bit stack of tumour probabilities (0..1). */
    public static ImagePlus probabilityStack(String title, List<float[]> probabilities, int width, int height,
            Calibration calibration) {
        ImagePlus imp = ImagePlusSlices.probabilityImage(probabilities.toArray(new float[0][]), width, height, title);
        imp.setDisplayRange(0, 1);
        if (calibration != null) imp.setCalibration(calibration.copy());
        return imp;
    }

    /** Outlines of each slice's mask as an overlay (each ROI bound to its slice). */
    public static Overlay outlines(ImagePlus maskStack, Color color) {
        Overlay overlay = new Overlay();
        for (Roi roi : sliceRois(maskStack, "")) {
            roi.setStrokeColor(color);
            overlay.add(roi);
        }
        return overlay;
    }

    /**
     * One ROI per slice with tumour (the mask's 255 pixels as a selection), named {@code <prefix>:<slice>} and
     * positioned on its slice in a stack, as StarDist names its ROIs.
     */
    public static List<Roi> sliceRois(ImagePlus maskStack, String prefix) {
        List<Roi> rois = new ArrayList<>();
        ImageStack stack = maskStack.getStack();
        for (int s = 1; s <= stack.getSize(); s++) {
            ImageProcessor ip = stack.getProcessor(s).duplicate();
            ip.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
            Roi roi = ThresholdToSelection.run(new ImagePlus("", ip));
            if (roi == null) continue;
            if (stack.getSize() > 1) roi.setPosition(s);
            roi.setName(prefix + ":" + s);
            rois.add(roi);
        }
        return rois;
    }

    /**
     * Adds ROIs to the ROI Manager (the open one, else a new one; hidden in a batch-mode macro).
     *
     * @return false when there is no ROI Manager to be had (a truly headless JVM: AWT windows cannot exist)
     */
    public static boolean addToRoiManager(List<Roi> rois) {
        if (rois.isEmpty()) return true;
        RoiManager rm = RoiManager.getInstance();
        try {
            if (rm == null) rm = ij.macro.Interpreter.isBatchMode() ? new RoiManager(true) : new RoiManager();
        } catch (java.awt.HeadlessException e) {
            return false;
        }
        for (Roi roi : rois) rm.addRoi(roi);
        return true;
    }

    /**
     * A label image of the 3-D connected tumour regions (6-connectivity): 8-bit when there are fewer than 256
     * regions, else 16-bit; 0 is background.
     */
    public static ImagePlus labelStack(String title, List<SliceMask> masks, Calibration calibration) {
        int w = masks.get(0).width();
        int h = masks.get(0).height();
        byte[][] pixels = masks.stream().map(SliceMask::pixels).toArray(byte[][]::new);
        PostProcessing.Components c = PostProcessing.components3d(pixels, w, h);
        if (c.count() > 65535) {
            throw new IllegalArgumentException(c.count() + " tumour regions do not fit a 16-bit label image");
        }
        ImageStack stack = new ImageStack(w, h);
        for (int[] labels : c.labels()) {
            ImageProcessor ip = c.count() < 256 ? new ByteProcessor(w, h) : new ShortProcessor(w, h);
            for (int i = 0; i < labels.length; i++) ip.set(i, labels[i]);
            stack.addSlice(ip);
        }
        ImagePlus imp = new ImagePlus(title, stack);
        imp.setDisplayRange(0, Math.max(1, c.count()));
        if (calibration != null) imp.setCalibration(calibration.copy());
        return imp;
    }

    /** Calibrated area of one pixel (1 when uncalibrated). */
    public static double pixelArea(ImagePlus imp) {
        Calibration c = imp.getCalibration();
        return c == null ? 1.0 : c.pixelWidth * c.pixelHeight;
    }

    /** The image title without a file extension. */
    public static String baseTitle(ImagePlus imp) {
        String t = imp.getShortTitle();
        return t == null || t.isEmpty() ? "image" : t;
    }

    /**
     * Saves {@code imp} atomically (temporary file beside it, then moved): PNG when the name ends in {@code .png},
     * else TIFF (a multi-page TIFF for stacks).
     */
    public static void save(ImagePlus imp, Path file) throws IOException {
        AtomicFiles.writeViaTemporary(file, tmp -> {
            FileSaver saver = new FileSaver(imp);
            String name = tmp.toString();
            boolean ok = name.endsWith(".png") ? saver.saveAsPng(name)
                    : imp.getStackSize() > 1 ? saver.saveAsTiffStack(name) : saver.saveAsTiff(name);
            if (!ok) throw new IOException("could not write " + file);
        });
    }
}
