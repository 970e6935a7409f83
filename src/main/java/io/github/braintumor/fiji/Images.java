package io.github.braintumor.fiji;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ImageProcessor;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.imagej.ImagePlusSlices;
import java.awt.Color;
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
        return ImagePlusSlices.toSliceImages(imp);
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
        ImageStack stack = maskStack.getStack();
        for (int s = 1; s <= stack.getSize(); s++) {
            ImageProcessor ip = stack.getProcessor(s).duplicate();
            ip.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
            Roi roi = ThresholdToSelection.run(new ImagePlus("", ip));
            if (roi == null) continue;
            roi.setStrokeColor(color);
            if (stack.getSize() > 1) roi.setPosition(s);
            overlay.add(roi);
        }
        return overlay;
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
}
