package io.github.braintumor.fiji;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.macro.Interpreter;
import ij.measure.Calibration;
import ij.plugin.filter.ThresholdToSelection;
import ij.plugin.frame.RoiManager;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import io.github.braintumor.app.ResampleChoice;
import io.github.braintumor.data.LggDataException;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.imageplus.ImagePlusSlices;
import io.github.braintumor.infer.PostProcessing;
import io.github.braintumor.io.AtomicFiles;
import java.awt.Color;
import java.awt.HeadlessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        FileInfo fi = imp.getOriginalFileInfo();
        if (fi == null || fi.fileName == null || fi.directory == null || fi.directory.isEmpty()) return;
        String name = fi.fileName.toLowerCase(Locale.ROOT);
        if (!name.endsWith(".tif") && !name.endsWith(".tiff")) return;
        Path file = Path.of(fi.directory, fi.fileName);
        if (!Files.isRegularFile(file)) return;
        try {
            LggTiff.checkDeclaredSize(file);
        } catch (LggDataException e) {
            throw new IllegalArgumentException(
                    "image '" + imp.getTitle() + "' was opened from a damaged file: " + e.getMessage(), e);
        }
    }

    /**
     * The image's slices grouped by time point: one list per frame, each the frame's Z slices in order (the channel
     * axis is the modality axis, as {@link #slices} reads it). Each frame is a volume of its own.
     */
    public static List<List<SliceImage>> frames(ImagePlus imp) {
        List<SliceImage> all = slices(imp);
        int z = imp.getNSlices();
        List<List<SliceImage>> frames = new ArrayList<>(imp.getNFrames());
        for (int from = 0; from < all.size(); from += z) frames.add(all.subList(from, Math.min(all.size(), from + z)));
        return frames;
    }

    /**
     * Gives an output made from {@code input}'s slices (one plane per Z and T position, Z fastest) the input's
     * shape: 1 channel, the input's slices and frames (a hyperstack when there is more than one frame), and the
     * input's calibration.
     *
     * @return {@code out}
     */
    public static ImagePlus shapedLike(ImagePlus out, ImagePlus input) {
        if (out == null) return null;
        int z = input.getNSlices();
        int t = input.getNFrames();
        if (out.getStackSize() == z * t) {
            out.setDimensions(1, z, t);
            if (t > 1) out.setOpenAsHyperStack(true);
        }
        if (input.getCalibration() != null)
            out.setCalibration(input.getCalibration().copy());
        return out;
    }

    /**
     * Puts an overlay or ROI Manager ROI of slice {@code z} of frame {@code t} on that position of {@code target}:
     * {@code setPosition(c, z, t)} in a hyperstack (more than one channel or frame; c = 0, all channels, when
     * there are several), the plain stack position in an ordinary stack, none for a single image.
     */
    public static void position(Roi roi, ImagePlus target, int z, int t) {
        if (target.getStackSize() <= 1) return;
        if (target.getNChannels() > 1 || target.getNFrames() > 1) {
            roi.setPosition(target.getNChannels() > 1 ? 0 : 1, z, t);
        } else {
            roi.setPosition(z);
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
    public static ImagePlus probabilityStack(
            String title, List<float[]> probabilities, int width, int height, Calibration calibration) {
        ImagePlus imp = ImagePlusSlices.probabilityImage(probabilities.toArray(new float[0][]), width, height, title);
        imp.setDisplayRange(0, 1);
        if (calibration != null) imp.setCalibration(calibration.copy());
        return imp;
    }

    /** Outlines of each slice's mask as an overlay (each ROI bound to its slice). */
    public static Overlay outlines(ImagePlus maskStack, Color color) {
        return outlines(maskStack, maskStack, color);
    }

    /** Outlines of each slice's mask as an overlay for {@code target}, each ROI on its slice and frame there. */
    public static Overlay outlines(ImagePlus maskStack, ImagePlus target, Color color) {
        Overlay overlay = new Overlay();
        for (Roi roi : sliceRois(maskStack, "", target)) {
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
        return sliceRois(maskStack, prefix, maskStack);
    }

    /**
     * {@link #sliceRois(ImagePlus, String)} positioned for {@code target} (the image segmented: {@link #position});
     * in a mask of several frames named {@code <prefix>:t<frame>:<slice>}, the slice counted within its frame.
     */
    public static List<Roi> sliceRois(ImagePlus maskStack, String prefix, ImagePlus target) {
        List<Roi> rois = new ArrayList<>();
        ImageStack stack = maskStack.getStack();
        int slices = maskStack.getNSlices();
        int frames = maskStack.getNFrames();
        for (int s = 1; s <= stack.getSize(); s++) {
            ImageProcessor ip = stack.getProcessor(s).duplicate();
            ip.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
            Roi roi = ThresholdToSelection.run(new ImagePlus("", ip));
            if (roi == null) continue;
            int z = (s - 1) % slices + 1;
            int t = (s - 1) / slices + 1;
            position(roi, target, z, t);
            roi.setName(prefix + ":" + (frames > 1 ? "t" + t + ":" + z : Integer.toString(s)));
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
            if (rm == null) rm = Interpreter.isBatchMode() ? new RoiManager(true) : new RoiManager();
        } catch (HeadlessException e) {
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
        return labelFrames(title, List.of(masks), calibration);
    }

    /**
     * {@link #labelStack(String, List, Calibration)} of a time series: the regions of each frame (one volume each,
     * never joined across frames), numbered on from the previous frame's, so every label is one region.
     */
    public static ImagePlus labelFrames(String title, List<List<SliceMask>> frames, Calibration calibration) {
        int w = frames.get(0).get(0).width();
        int h = frames.get(0).get(0).height();
        List<int[]> planes = new ArrayList<>();
        int count = 0;
        for (List<SliceMask> masks : frames) {
            byte[][] pixels = masks.stream().map(SliceMask::pixels).toArray(byte[][]::new);
            PostProcessing.Components c = PostProcessing.components3d(pixels, w, h);
            for (int[] labels : c.labels()) {
                int[] numbered = labels.clone();
                for (int i = 0; i < numbered.length; i++) if (numbered[i] > 0) numbered[i] += count;
                planes.add(numbered);
            }
            count += c.count();
        }
        if (count > 65535) {
            throw new IllegalArgumentException(count + " tumour regions do not fit a 16-bit label image");
        }
        ImageStack stack = new ImageStack(w, h);
        for (int[] labels : planes) {
            ImageProcessor ip = count < 256 ? new ByteProcessor(w, h) : new ShortProcessor(w, h);
            for (int i = 0; i < labels.length; i++) ip.set(i, labels[i]);
            stack.addSlice(ip);
        }
        ImagePlus imp = new ImagePlus(title, stack);
        imp.setDisplayRange(0, Math.max(1, count));
        if (calibration != null) imp.setCalibration(calibration.copy());
        return imp;
    }

    /**
     * @param resample the command's {@code resample} check box
     * @return resampling on or off, with the pixel aspect of the image's calibration (square when uncalibrated)
     */
    public static ResampleChoice resampling(ImagePlus imp, boolean resample) {
        Calibration c = imp.getCalibration();
        return c == null || !c.scaled()
                ? new ResampleChoice(resample, 1.0)
                : ResampleChoice.of(resample, c.pixelWidth, c.pixelHeight);
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
            boolean ok = name.endsWith(".png")
                    ? saver.saveAsPng(name)
                    : imp.getStackSize() > 1 ? saver.saveAsTiffStack(name) : saver.saveAsTiff(name);
            if (!ok) throw new IOException("could not write " + file);
        });
    }
}
