package io.github.braintumor.imageplus;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;
import io.github.braintumor.data.LggDataException;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A user's TIFF file read with ImageJ's own reader, as Fiji opens it (16/32-bit, hyperstacks, calibration), for the
 * command line: the slices the core takes, the stack's shape and the pixel size it records. Anything that is not a
 * readable TIFF is refused in one line before ImageJ allocates what a header claims.
 *
 * <pre>{@code
 * TiffStacks.Stack s = TiffStacks.read(Path.of("patient.tif"), 0);
 * s.slices();           // one 3-channel slice per Z (and T) position
 * s.pixelWidth();       // 1 when the file records no calibration
 * }</pre>
 */
public final class TiffStacks {
    private TiffStacks() {}

    /**
     * @param slices one slice per Z/T position, time points one after another
     * @param slicesPerFrame Z positions of each time point
     * @param frames time points (1 for a plain stack)
     * @param pixelWidth calibrated pixel width (1 when none is recorded)
     * @param pixelHeight calibrated pixel height (1 when none is recorded)
     * @param conversionNote what was converted (16/32-bit scaling, a grey channel copied), empty for nothing
     */
    public record Stack(
            List<SliceImage> slices,
            int slicesPerFrame,
            int frames,
            double pixelWidth,
            double pixelHeight,
            String conversionNote) {
        /** @return the slices of one time point (1-based) */
        public List<SliceImage> frame(int t) {
            return slices.subList((t - 1) * slicesPerFrame, t * slicesPerFrame);
        }
    }

    /**
     * @param channels 3 to read a single-channel stack as 3 channels interleaved (c1 z1, c2 z1, c3 z1, c1 z2, ...), 0
     *     to read it as stored
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static Stack read(Path file, int channels) {
        ImagePlus imp = open(file, channels);
        Calibration cal = imp.getCalibration();
        boolean scaled = cal != null && cal.scaled();
        return new Stack(
                ImagePlusSlices.toSliceImages(imp),
                imp.getNSlices(),
                imp.getNFrames(),
                scaled ? cal.pixelWidth : 1,
                scaled ? cal.pixelHeight : 1,
                ImagePlusSlices.conversionNote(imp));
    }

    /** The Z and T extent of a stack, as ImageJ reads the file. */
    public record Shape(int slicesPerFrame, int frames) {}

    /**
     * @return the stack's Z and T extent, without converting its pixels (a command lists its volumes before it reads
     *     them)
     * @throws IllegalArgumentException as {@link #read}
     */
    public static Shape shape(Path file, int channels) {
        ImagePlus imp = open(file, channels);
        return new Shape(imp.getNSlices(), imp.getNFrames());
    }

    /** @return the masks of a TIFF (non-zero = tumour), one per plane */
    public static List<SliceMask> readMasks(Path file) {
        return ImagePlusSlices.toSliceMasks(open(file, 0));
    }

    /** @return whether the file is a TIFF by its name */
    public static boolean isTiff(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (n.endsWith(".tif") || n.endsWith(".tiff"));
    }

    private static ImagePlus open(Path file, int channels) {
        if (!isTiff(file))
            throw new IllegalArgumentException("not a TIFF image: " + file + " (give a .tif file or a folder)");
        try {
            LggTiff.checkDeclaredSize(file); // before ImageJ allocates what the header claims
        } catch (LggDataException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        ImagePlus imp = IJ.openImage(file.toString());
        if (imp == null) {
            throw new IllegalArgumentException("cannot read " + file + " as an image (damaged or not a TIFF)");
        }
        if (channels != 3) return imp;
        int planes = imp.getStackSize();
        if (imp.getNChannels() != 1 || planes % 3 != 0 || imp.getNFrames() != 1) {
            throw new IllegalArgumentException("--channels 3 needs a single-channel stack of 3 x n planes; "
                    + file.getFileName() + " has " + imp.getNChannels() + " channel(s), " + planes + " plane(s) and "
                    + imp.getNFrames() + " frame(s)");
        }
        imp.setDimensions(3, planes / 3, 1);
        imp.setOpenAsHyperStack(true);
        return imp;
    }
}
