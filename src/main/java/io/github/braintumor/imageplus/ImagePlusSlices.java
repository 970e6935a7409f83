package io.github.braintumor.imageplus;

import ij.ImagePlus;
import ij.ImageStack;
import io.github.braintumor.conversion.ImgSlices;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * ImagePlus &lt;-&gt; the project's slice records: images in, masks and probability maps out.
 *
 * <p><b>Accepted images</b> ({@link #toSliceImages}): RGB (R, G, B = pre-contrast, FLAIR, post-contrast,
 * as the LGG TIFFs open in Fiji); a 3-channel composite/hyperstack of 8, 16 or 32-bit; or a single-channel
 * 8, 16 or 32-bit image, whose one channel is replicated to all three (the models were trained on three,
 * so expect worse results; {@link SliceImage#replicated()} is then true). 8-bit is expected; 16 and 32-bit
 * planes are each scaled from their own min..max (finite values) to 0..255, rounded, a constant plane becoming 0 and NaN becoming 0;
 * a 32-bit plane with no finite value at all is refused (IllegalArgumentException), never read as black.
 * {@link #conversionNote} says in words what was done, for the log. One SliceImage per Z (and T) position,
 * in stack order (Z fastest, then T).
 *
 * <pre>{@code
 * ImagePlus imp = IJ.openImage("TCGA_CS_4941_19960909_11.tif");    // RGB
 * List<SliceImage> slices = ImagePlusSlices.toSliceImages(imp);
 * ImagePlus masks = ImagePlusSlices.masksImage(List.of(new byte[256 * 256]), 256, 256, "mask");
 * }</pre>
 */
public final class ImagePlusSlices {
    /** Channels the models expect. */
    public static final int CHANNELS = 3;

    private ImagePlusSlices() {}

    /**
     * @return one 3-channel SliceImage per Z/T position (class comment for the accepted kinds)
     * @throws IllegalArgumentException for other channel counts or bit depths, naming the image
     */
    public static List<SliceImage> toSliceImages(ImagePlus imp) {
        Objects.requireNonNull(imp, "imp");
        checkChannels(imp);
        // ImgLib2 is the way in: the stack's own arrays wrapped (zero-copy), one (X, Y, C, Z) volume per frame
        List<RandomAccessibleInterval<? extends RealType<?>>> frames = ImagePlusImgs.modalityFrames(imp);
        List<SliceImage> slices = new ArrayList<>(imp.getNSlices() * frames.size());
        for (int t = 0; t < frames.size(); t++) {
            try {
                slices.addAll(ImgSlices.toSliceImages(frames.get(t)));
            } catch (ImgSlices.NoFiniteValues e) {
                throw new IllegalArgumentException(
                        ImgSlices.NoFiniteValues.message(
                                "Image '" + imp.getTitle() + "'",
                                ImgSlices.NoFiniteValues.where(e.channel(), e.slice())
                                        + (frames.size() > 1 ? " of frame " + (t + 1) : "")),
                        e);
            }
        }
        return slices;
    }

    /** @return what {@link #toSliceImages} does to this image beyond copying, or "" when nothing. */
    public static String conversionNote(ImagePlus imp) {
        int channels = checkChannels(imp);
        List<String> notes = new ArrayList<>();
        if (imp.getBitDepth() == 16 || imp.getBitDepth() == 32) {
            notes.add(imp.getBitDepth() + "-bit image '" + imp.getTitle()
                    + "': each channel of each slice scaled from its own min..max to 0..255 (8-bit expected)");
        }
        if (channels == 1 && imp.getBitDepth() != 24) {
            notes.add("single-channel image '" + imp.getTitle()
                    + "': the channel is replicated to pre-contrast, FLAIR and post-contrast (expect worse results)");
        }
        return String.join("; ", notes);
    }

    /**
     * Reads masks from an 8-bit image (non-zero = tumour), one per stack slice, e.g. ground truth opened
     * in Fiji.
     */
    public static List<SliceMask> toSliceMasks(ImagePlus imp) {
        if (imp.getBitDepth() != 8) {
            throw new IllegalArgumentException("Mask image '" + imp.getTitle() + "' is " + imp.getBitDepth()
                    + "-bit; masks must be 8-bit (0 background, non-zero tumour). Convert it first.");
        }
        ImageStack stack = imp.getStack();
        List<SliceMask> masks = new ArrayList<>(stack.getSize());
        for (int i = 1; i <= stack.getSize(); i++) {
            byte[] src = (byte[]) stack.getPixels(i);
            byte[] m = new byte[src.length];
            for (int k = 0; k < src.length; k++) {
                m[k] = (byte) (src[k] != 0 ? 1 : 0);
            }
            masks.add(new SliceMask(imp.getWidth(), imp.getHeight(), m));
        }
        return masks;
    }

    /**
     * Builds an 8-bit 0/255 mask stack (one slice per mask) from 0/1 masks, e.g. thresholded probabilities.
     *
     * @throws IllegalArgumentException when a mask has the wrong length or a value other than 0 or 1
     */
    public static ImagePlus masksImage(List<byte[]> masks01, int width, int height, String title) {
        requireNonEmpty(masks01, title);
        ImageStack stack = new ImageStack(width, height);
        for (int s = 0; s < masks01.size(); s++) {
            byte[] m = masks01.get(s);
            requireLength(m.length, width, height, title, s);
            byte[] out = new byte[m.length];
            for (int i = 0; i < m.length; i++) {
                if (m[i] == 1) {
                    out[i] = (byte) 255;
                } else if (m[i] != 0) {
                    throw new IllegalArgumentException("Mask " + s + " for '" + title + "' has value " + m[i]
                            + " at pixel " + i + "; masks must hold 0 or 1 (threshold probabilities first).");
                }
            }
            stack.addSlice(null, out);
        }
        return new ImagePlus(title, stack);
    }

    /** {@link #masksImage(List, int, int, String)} for SliceMasks (all of one size). */
    public static ImagePlus sliceMasksImage(List<SliceMask> masks, String title) {
        requireNonEmpty(masks, title);
        List<byte[]> arrays = new ArrayList<>(masks.size());
        for (SliceMask m : masks) {
            arrays.add(m.pixels());
        }
        return masksImage(arrays, masks.get(0).width(), masks.get(0).height(), title);
    }

    /**
     * A 32-bit stack of probability maps, zero-copy: the slices are the given arrays. Display range 0..1.
     */
    public static ImagePlus probabilityImage(float[][] planes, int width, int height, String title) {
        Objects.requireNonNull(planes, "planes");
        if (planes.length == 0) {
            throw new IllegalArgumentException("No probability planes for '" + title + "'");
        }
        ImageStack stack = new ImageStack(width, height);
        for (int s = 0; s < planes.length; s++) {
            requireLength(planes[s].length, width, height, title, s);
            stack.addSlice(null, planes[s]);
        }
        ImagePlus imp = new ImagePlus(title, stack);
        imp.setDisplayRange(0, 1);
        return imp;
    }

    // --- internals ---

    private static int checkChannels(ImagePlus imp) {
        int depth = imp.getBitDepth();
        if (depth != 8 && depth != 16 && depth != 32 && depth != 24) {
            throw new IllegalArgumentException("Image '" + imp.getTitle() + "' has bit depth " + depth
                    + "; use RGB or 8-bit (16/32-bit are scaled).");
        }
        int channels = imp.getNChannels();
        if (depth == 24 ? channels != 1 : channels != 1 && channels != CHANNELS) {
            throw new IllegalArgumentException("Image '" + imp.getTitle() + "' has " + channels
                    + " channels; expected RGB, 3 channels (pre-contrast, FLAIR, post-contrast) or 1 channel.");
        }
        return channels;
    }

    private static void requireNonEmpty(List<?> list, String title) {
        Objects.requireNonNull(list, "masks");
        if (list.isEmpty()) {
            throw new IllegalArgumentException("No masks for '" + title + "'");
        }
    }

    private static void requireLength(int length, int width, int height, String title, int slice) {
        if (length != width * height) {
            throw new IllegalArgumentException("Slice " + slice + " for '" + title + "' has " + length
                    + " pixels; expected " + width + "x" + height + " = " + (width * height));
        }
    }
}
