package io.github.braintumor.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Slices, masks and ImgLib2 images to and from DJL NDArrays in NCHW float32 layout.
 *
 * <p>Axis correspondence: ImgLib2 (X, Y, C, N) is NDArray (N, C, H, W); ImgLib2's flat iteration order
 * (X fastest) is exactly NCHW's memory order, so conversions are single sequential passes. Arrays are
 * created in the given manager; the caller closes it.
 *
 * <pre>{@code
 * try (NDManager m = NDManager.newBaseManager()) {
 *     NDArray x = Tensors.batch(m, slicesOfOnePatient, Normalization.PERCENTILE_ZSCORE); // (N, 3, H, W)
 *     NDArray p = ...;                                                                   // (N, 1, H, W)
 *     byte[][] masks = Tensors.threshold(p, 0.5f);
 * }
 * }</pre>
 */
public final class Tensors {
    private Tensors() {}

    /**
     * Stacks slices into one (N, C, H, W) float32 array, normalised as one volume by {@code n} (pass one
     * patient's slices when {@code n} uses volume statistics).
     *
     * @throws IllegalArgumentException when the list is empty or the slices differ in size or channels
     */
    public static NDArray batch(NDManager m, List<SliceImage> slices, Normalization n) {
        Objects.requireNonNull(m, "manager");
        Objects.requireNonNull(n, "normalization");
        if (slices == null || slices.isEmpty()) {
            throw new IllegalArgumentException("No slices to batch");
        }
        SliceImage first = slices.get(0);
        int chw = first.pixels().length;
        checkSize((long) chw * slices.size(), "batch of " + slices.size() + " slices");
        float[] data = new float[chw * slices.size()];
        for (int s = 0; s < slices.size(); s++) {
            SliceImage slice = slices.get(s);
            if (slice.width() != first.width()
                    || slice.height() != first.height()
                    || slice.channels() != first.channels()) {
                throw new IllegalArgumentException("Slice " + s + " is " + describe(slice) + " but slice 0 is "
                        + describe(first) + "; a batch needs slices of one size (resize or crop them first)");
            }
            byte[] px = slice.pixels();
            int base = s * chw;
            for (int i = 0; i < chw; i++) {
                data[base + i] = px[i] & 0xff;
            }
        }
        n.normalizeBatch(data, slices.size(), first.channels());
        return m.create(
                FloatBuffer.wrap(data), new Shape(slices.size(), first.channels(), first.height(), first.width()));
    }

    /**
     * Converts an image with dims (X, Y[, C[, N]]) to an (N, C, H, W) float32 array (missing C and N are 1),
     * values as {@link RealType#getRealFloat()}, without normalisation.
     */
    public static NDArray fromImg(NDManager m, RandomAccessibleInterval<? extends RealType<?>> img) {
        Objects.requireNonNull(m, "manager");
        int nd = img.numDimensions();
        if (nd < 2 || nd > 4) {
            throw new IllegalArgumentException("fromImg needs dims (X, Y[, C[, N]]), got " + nd + " dimensions");
        }
        long w = img.dimension(0);
        long h = img.dimension(1);
        long c = nd > 2 ? img.dimension(2) : 1;
        long n = nd > 3 ? img.dimension(3) : 1;
        checkSize(w * h * c * n, "image of " + w + "x" + h + "x" + c + "x" + n);
        float[] data = new float[(int) (w * h * c * n)];
        Cursor<? extends RealType<?>> cursor = Views.flatIterable(img).cursor();
        for (int i = 0; cursor.hasNext(); i++) {
            data[i] = cursor.next().getRealFloat();
        }
        return m.create(FloatBuffer.wrap(data), new Shape(n, c, h, w));
    }

    /**
     * Copies an (N, C, H, W) array once into an ArrayImg with dims (X=W, Y=H, C, N), always 4-D.
     * Non-float32 arrays are converted to float32 first.
     */
    public static Img<FloatType> toImg(NDArray nchw) {
        long[] s = shape4(nchw, "toImg");
        return ArrayImgs.floats(floats(nchw), s[3], s[2], s[1], s[0]);
    }

    /** @return one float[H*W] per slice of an (N, 1, H, W) array, e.g. probabilities */
    public static float[][] planes(NDArray n1hw) {
        long[] s = shape4(n1hw, "planes");
        requireOneChannel(s, "planes");
        int plane = (int) (s[2] * s[3]);
        return readFloats(n1hw, buffer -> {
            float[][] out = new float[(int) s[0]][plane];
            for (float[] p : out) {
                buffer.get(p);
            }
            return out;
        });
    }

    /**
     * @return one mask per slice of an (N, 1, H, W) array by {@link io.github.braintumor.metrics.ThresholdRule}
     *     (1 where the value is at least {@code t}; NaN gives 0)
     */
    public static byte[][] threshold(NDArray probabilities, float t) {
        float[][] planes = planes(probabilities);
        byte[][] masks = new byte[planes.length][];
        for (int s = 0; s < planes.length; s++) {
            masks[s] = io.github.braintumor.metrics.ThresholdRule.mask(planes[s], t);
        }
        return masks;
    }

    /** {@link #threshold} as SliceMasks. */
    public static List<SliceMask> sliceMasks(NDArray probabilities, float t) {
        long[] s = shape4(probabilities, "sliceMasks");
        byte[][] masks = threshold(probabilities, t);
        List<SliceMask> out = new ArrayList<>(masks.length);
        for (byte[] m : masks) {
            out.add(new SliceMask((int) s[3], (int) s[2], m));
        }
        return out;
    }

    /** @return an (N, 1, H, W) float32 array of 0 and 1 from masks of one size */
    public static NDArray masks(NDManager m, List<SliceMask> masks) {
        Objects.requireNonNull(m, "manager");
        if (masks == null || masks.isEmpty()) {
            throw new IllegalArgumentException("No masks to stack");
        }
        SliceMask first = masks.get(0);
        int plane = first.pixels().length;
        checkSize((long) plane * masks.size(), "batch of " + masks.size() + " masks");
        float[] data = new float[plane * masks.size()];
        for (int s = 0; s < masks.size(); s++) {
            SliceMask mask = masks.get(s);
            if (mask.width() != first.width() || mask.height() != first.height()) {
                throw new IllegalArgumentException("Mask " + s + " is " + mask.width() + "x" + mask.height()
                        + " but mask 0 is " + first.width() + "x" + first.height() + "; masks must be one size");
            }
            byte[] px = mask.pixels();
            for (int i = 0; i < plane; i++) {
                data[s * plane + i] = px[i] != 0 ? 1f : 0f;
            }
        }
        return m.create(FloatBuffer.wrap(data), new Shape(masks.size(), 1, first.height(), first.width()));
    }

    // --- internals ---

    private static long[] shape4(NDArray a, String what) {
        Shape shape = a.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException(what + " needs an (N, C, H, W) array, got shape " + shape);
        }
        return shape.getShape();
    }

    private static void requireOneChannel(long[] s, String what) {
        if (s[1] != 1) {
            throw new IllegalArgumentException(what + " needs an (N, 1, H, W) array, got " + s[1] + " channels");
        }
    }

    /**
     * Hands the values as float32 to {@code reader} while the buffer is valid (the engine may give a view
     * of native memory, so nothing may keep the buffer after a temporary conversion is closed).
     */
    private static <R> R readFloats(NDArray a, java.util.function.Function<FloatBuffer, R> reader) {
        if (a.getDataType() == DataType.FLOAT32) {
            return reader.apply(a.toByteBuffer().asFloatBuffer());
        }
        try (NDArray f = a.toType(DataType.FLOAT32, true)) {
            return reader.apply(f.toByteBuffer().asFloatBuffer());
        }
    }

    private static float[] floats(NDArray a) {
        return readFloats(a, buffer -> {
            float[] data = new float[buffer.remaining()];
            buffer.get(data);
            return data;
        });
    }

    private static void checkSize(long size, String what) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "The " + what + " has " + size + " values, more than one Java array holds; use smaller batches");
        }
    }

    private static String describe(SliceImage s) {
        return s.width() + "x" + s.height() + "x" + s.channels();
    }
}
