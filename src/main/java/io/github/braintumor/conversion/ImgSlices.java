package io.github.braintumor.conversion;

import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * ImgLib2 images in and out of the core, for scripts and ImageJ2 users who hold an {@code Img} (or a Fiji
 * {@code Dataset}) rather than an ImagePlus.
 *
 * <p><b>Axis convention</b>: an input has dims {@code (X, Y)} (one single-channel slice), {@code (X, Y, C)} (one
 * slice) or {@code (X, Y, C, Z)} (a stack); C is 3 (pre-contrast, FLAIR, post-contrast) or 1 (replicated to all three,
 * {@link SliceImage#replicated()}). Unsigned 8-bit values are taken as they are; any other type is scaled per channel
 * over the whole volume from its finite min..max to 0..255 (the rule the ImagePlus path uses too): one scale per
 * channel, so a linear rescale of a channel gives the same slices, and never one per slice, which would undo the
 * contrast between slices that the per-volume normalization relies on.
 * Masks come back as {@code (X, Y, Z)} unsigned bytes 0/255, probabilities as {@code (X, Y, Z)} floats.
 *
 * <pre>{@code
 * Img<UnsignedByteType> mri = ArrayImgs.unsignedBytes(256, 256, 3, 40);        // x, y, channel, slice
 * List<SliceImage> slices = ImgSlices.toSliceImages(mri);
 * Img<UnsignedByteType> mask = ImgSlices.toMaskImg(segmenter.segment(slices, ...).masks());
 * }</pre>
 */
public final class ImgSlices {
    private ImgSlices() {}

    /** @throws IllegalArgumentException for other dimensionalities or channel counts, saying what is expected */
    public static List<SliceImage> toSliceImages(RandomAccessibleInterval<? extends RealType<?>> img) {
        int nd = img.numDimensions();
        if (nd < 2 || nd > 4) {
            throw new IllegalArgumentException("The image has " + nd + " dimensions; expected (x, y), (x, y, channel)"
                    + " or (x, y, channel, slice)");
        }
        long w = img.dimension(0);
        long h = img.dimension(1);
        long c = nd > 2 ? img.dimension(2) : 1;
        long z = nd > 3 ? img.dimension(3) : 1;
        if (c != 1 && c != 3) {
            throw new IllegalArgumentException("The image has " + c + " channels (third axis); expected 3"
                    + " (pre-contrast, FLAIR, post-contrast) or 1, with slices on the fourth axis");
        }
        if (w * h > Integer.MAX_VALUE / 3) {
            throw new IllegalArgumentException("Slices of " + w + "x" + h + " are too large");
        }
        int plane = (int) (w * h);
        if (c == 3
                && img instanceof ArrayImg<?, ?> array
                && array.update(null) instanceof ByteArray bytesArray
                && Views.flatIterable(img).firstElement() instanceof UnsignedByteType) {
            // fast path: an 8-bit (X, Y, C, Z) ArrayImg already holds each slice's channels one after the other
            byte[] data = bytesArray.getCurrentStorageArray();
            List<SliceImage> slices = new ArrayList<>((int) z);
            for (int s = 0; s < z; s++) {
                byte[] chw = new byte[3 * plane];
                System.arraycopy(data, s * 3 * plane, chw, 0, 3 * plane);
                slices.add(new SliceImage((int) w, (int) h, 3, chw, false));
            }
            return slices;
        }
        boolean bytes = Views.flatIterable(img).firstElement() instanceof UnsignedByteType;
        RandomAccessibleInterval<? extends RealType<?>> xycz = nd == 4
                ? img
                : nd == 3 ? Views.addDimension(img, 0, 0) : Views.addDimension(Views.addDimension(img, 0, 0), 0, 0);
        int sourceChannels = (int) c;
        // One linear scale per channel over the whole volume (its finite min..max to 0..255), never per slice:
        // the per-volume normalization then sees the volume's own contrast between slices, and a linear rescale of
        // a channel (another scanner gain or bit depth) gives the same bytes.
        double[] min = new double[sourceChannels];
        double[] max = new double[sourceChannels];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        float[] values = new float[plane];
        if (!bytes) {
            for (long s = 0; s < z; s++) {
                for (int source = 0; source < sourceChannels; source++) {
                    readPlane(xycz, s, source, values);
                    boolean finite = false;
                    for (float v : values) {
                        if (Float.isFinite(v)) {
                            finite = true;
                            min[source] = Math.min(min[source], v);
                            max[source] = Math.max(max[source], v);
                        }
                    }
                    if (!finite) {
                        // scaling would turn it into a black plane, and the models would answer "no tumour"
                        throw new NoFiniteValues(c == 1 ? 0 : source + 1, (int) s + 1);
                    }
                }
            }
        }
        List<SliceImage> slices = new ArrayList<>((int) z);
        for (long s = 0; s < z; s++) {
            byte[] chw = new byte[3 * plane];
            for (int ch = 0; ch < 3; ch++) {
                int source = c == 1 ? 0 : ch;
                if (c == 1 && ch > 0) { // one channel copied into all three
                    System.arraycopy(chw, 0, chw, ch * plane, plane);
                    continue;
                }
                readPlane(xycz, s, source, values);
                if (bytes) {
                    for (int i = 0; i < plane; i++) chw[ch * plane + i] = (byte) (int) values[i];
                } else {
                    toUnsignedBytes(values, min[source], max[source], chw, ch * plane);
                }
            }
            slices.add(new SliceImage((int) w, (int) h, 3, chw, c == 1));
        }
        return slices;
    }

    private static void readPlane(
            RandomAccessibleInterval<? extends RealType<?>> xycz, long slice, int channel, float[] values) {
        Cursor<? extends RealType<?>> cursor = Views.flatIterable(
                        Views.hyperSlice(Views.hyperSlice(xycz, 3, xycz.min(3) + slice), 2, xycz.min(2) + channel))
                .cursor();
        for (int i = 0; cursor.hasNext(); i++) {
            values[i] = cursor.next().getRealFloat();
        }
    }

    /**
     * One volume from its slices' planes ({@link io.github.braintumor.data.LggTiff#readPlanes}), read as any other
     * image entering the core: one scale per channel over the whole volume.
     *
     * @param slices per slice {@code [channel][y * width + x]}, all with the same channels (1 or 3) and size
     */
    public static List<SliceImage> volumeOfPlanes(List<float[][]> slices, int width, int height) {
        if (slices.isEmpty()) return List.of();
        int channels = slices.get(0).length;
        int plane = width * height;
        float[] data = new float[slices.size() * channels * plane];
        for (int z = 0; z < slices.size(); z++) {
            float[][] s = slices.get(z);
            if (s.length != channels) {
                throw new IllegalArgumentException("slice " + (z + 1) + " has " + s.length + " channel(s), slice 1 has "
                        + channels + ": every slice of a volume must be stored alike");
            }
            for (int c = 0; c < channels; c++) {
                if (s[c].length != plane) {
                    throw new IllegalArgumentException("slice " + (z + 1) + " is another size than slice 1");
                }
                System.arraycopy(s[c], 0, data, (z * channels + c) * plane, plane);
            }
        }
        return toSliceImages(ArrayImgs.floats(data, width, height, channels, slices.size()));
    }

    /** A plane with only NaN or infinite values: there is nothing to segment in it. */
    public static final class NoFiniteValues extends IllegalArgumentException {
        private final int channel;
        private final int slice;

        NoFiniteValues(int channel, int slice) {
            super(message("The image", where(channel, slice)));
            this.channel = channel;
            this.slice = slice;
        }

        /** @return the one-line refusal, e.g. {@code message("Image 'x'", "slice 2 of frame 2")} */
        public static String message(String subject, String where) {
            return subject + " has no finite value (only NaN or infinity) in " + where
                    + ": there is nothing to segment; fill or remove that slice first";
        }

        /** @return e.g. "channel 2 of slice 3", or "slice 3" for a single-channel image */
        public static String where(int channel, int slice) {
            return (channel == 0 ? "" : "channel " + channel + " of ") + "slice " + slice;
        }

        /** @return the 1-based channel, 0 for a single-channel image */
        public int channel() {
            return channel;
        }

        /** @return the 1-based slice */
        public int slice() {
            return slice;
        }
    }

    /**
     * Scales {@code values} from {@code min..max} to 0..255 (rounded); NaN and infinities become 0. The division comes
     * last, so integer values rescaled by an integer gain and offset give exactly the same bytes.
     */
    private static void toUnsignedBytes(float[] values, double min, double max, byte[] dest, int offset) {
        double range = max - min;
        for (int i = 0; i < values.length; i++) {
            long q = range > 0 && Float.isFinite(values[i]) ? Math.round((values[i] - min) * 255.0 / range) : 0;
            dest[offset + i] = (byte) Math.max(0, Math.min(255, q));
        }
    }

    /**
     * @param mask {@code (X, Y)} (one slice) or {@code (X, Y, Z)}; any value other than 0 is tumour
     * @return one mask per slice
     * @throws IllegalArgumentException for other dimensionalities
     */
    public static List<SliceMask> toSliceMasks(RandomAccessibleInterval<? extends RealType<?>> mask) {
        int nd = mask.numDimensions();
        if (nd < 2 || nd > 3) {
            throw new IllegalArgumentException("The mask has " + nd + " dimensions; expected (x, y) or (x, y, slice)");
        }
        long w = mask.dimension(0);
        long h = mask.dimension(1);
        if (w * h > Integer.MAX_VALUE)
            throw new IllegalArgumentException("Slices of " + w + "x" + h + " are too large");
        RandomAccessibleInterval<? extends RealType<?>> xyz = nd == 3 ? mask : Views.addDimension(mask, 0, 0);
        List<SliceMask> masks = new ArrayList<>();
        for (long z = 0; z < xyz.dimension(2); z++) {
            byte[] px = new byte[(int) (w * h)];
            Cursor<? extends RealType<?>> c =
                    Views.flatIterable(Views.hyperSlice(xyz, 2, xyz.min(2) + z)).cursor();
            for (int i = 0; c.hasNext(); i++) px[i] = (byte) (c.next().getRealDouble() != 0 ? 1 : 0);
            masks.add(new SliceMask((int) w, (int) h, px));
        }
        return masks;
    }

    /** @return the masks as one {@code (X, Y, Z)} image, 255 = tumour */
    public static Img<UnsignedByteType> toMaskImg(List<SliceMask> masks) {
        if (masks.isEmpty()) throw new IllegalArgumentException("No masks");
        int w = masks.get(0).width();
        int h = masks.get(0).height();
        int plane = w * h;
        byte[] data = new byte[plane * masks.size()];
        for (int z = 0; z < masks.size(); z++) {
            byte[] m = masks.get(z).pixels();
            for (int i = 0; i < plane; i++) data[z * plane + i] = (byte) (m[i] != 0 ? 255 : 0);
        }
        ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(data, w, h, masks.size());
        return img;
    }

    /** @return per-slice probabilities (row-major {@code w * h} each) as one {@code (X, Y, Z)} float image */
    public static Img<FloatType> toProbabilityImg(List<float[]> probabilities, int w, int h) {
        float[] data = new float[w * h * probabilities.size()];
        for (int z = 0; z < probabilities.size(); z++) {
            System.arraycopy(probabilities.get(z), 0, data, z * w * h, w * h);
        }
        ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(data, w, h, probabilities.size());
        return img;
    }
}
