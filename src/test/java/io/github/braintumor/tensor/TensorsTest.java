package io.github.braintumor.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import java.util.List;
import java.util.Random;
import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import org.junit.jupiter.api.Test;

class TensorsTest {
    private final Random random = new Random(11);

    @Test
    void batchIsNchwFloat32WithNormalization() {
        byte[] a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, (byte) 255}; // C=3, H=2, W=3
        byte[] b = new byte[18];
        b[17] = 51;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = Tensors.batch(
                    m, List.of(new SliceImage(3, 2, 3, a), new SliceImage(3, 2, 3, b)), Normalization.DIVIDE_BY_255);
            assertEquals(new Shape(2, 3, 2, 3), x.getShape());
            assertEquals(DataType.FLOAT32, x.getDataType());
            float[] v = x.toFloatArray();
            assertEquals(5 / 255f, v[5], 1e-7f); // n=0, c=0, y=1, x=2
            assertEquals(1f, v[17], 1e-7f); // n=0, c=2, y=1, x=2 (255)
            assertEquals(0.2f, v[18 + 17], 1e-7f); // n=1, c=2, y=1, x=2 (51)
            assertEquals(0f, v[18], 0f);
        }
    }

    @Test
    void batchUsesPercentileZscoreOverTheWholeBatch() {
        List<SliceImage> slices = List.of(
                new SliceImage(3, 1, 2, new byte[] {0, 10, 20, (byte) 200, (byte) 220, (byte) 255}),
                new SliceImage(3, 1, 2, new byte[] {5, 30, 40, 100, (byte) 150, (byte) 250}));
        try (NDManager m = NDManager.newBaseManager()) {
            float[] v =
                    Tensors.batch(m, slices, Normalization.PERCENTILE_ZSCORE).toFloatArray();
            // same volume as NormalizationTest.percentileZscoreMatchesBuda
            assertEquals(-1.00347f, v[0], 2e-6f);
            assertEquals(0.9836469f, v[11], 2e-6f);
        }
    }

    @Test
    void batchRejectsMixedSizesAndEmpty() {
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> Tensors.batch(
                            m,
                            List.of(new SliceImage(2, 2, 3, new byte[12]), new SliceImage(2, 1, 3, new byte[6])),
                            Normalization.DIVIDE_BY_255));
            assertTrue(e.getMessage().contains("Slice 1 is 2x1x3"), e.getMessage());
            assertThrows(
                    IllegalArgumentException.class, () -> Tensors.batch(m, List.of(), Normalization.DIVIDE_BY_255));
        }
    }

    @Test
    void unsignedByteImgRoundTrip() {
        ArrayImg<UnsignedByteType, ?> img = ArrayImgs.unsignedBytes(4, 3, 2, 5); // X, Y, C, N
        Cursor<UnsignedByteType> c = img.cursor();
        while (c.hasNext()) {
            c.next().set(random.nextInt(256));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = Tensors.fromImg(m, img);
            assertEquals(new Shape(5, 2, 3, 4), x.getShape());
            float[] v = x.toFloatArray();
            // (x=3, y=1, c=1, n=4) -> ((4*2 + 1)*3 + 1)*4 + 3
            assertEquals(at(img, 3, 1, 1, 4), v[((4 * 2 + 1) * 3 + 1) * 4 + 3]);
            assertSameValues(img, Tensors.toImg(x));
        }
    }

    @Test
    void unsignedShortTwoDimensionalImgRoundTrip() {
        ArrayImg<UnsignedShortType, ?> img = ArrayImgs.unsignedShorts(3, 2);
        Cursor<UnsignedShortType> c = img.cursor();
        while (c.hasNext()) {
            c.next().set(random.nextInt(65536));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = Tensors.fromImg(m, img);
            assertEquals(new Shape(1, 1, 2, 3), x.getShape());
            Img<FloatType> back = Tensors.toImg(x);
            assertArrayEquals(new long[] {3, 2, 1, 1}, back.dimensionsAsLongArray());
            RandomAccess<FloatType> ra = back.randomAccess();
            ra.setPosition(new long[] {2, 1, 0, 0});
            assertEquals(at(img, 2, 1), ra.get().get());
        }
    }

    @Test
    void floatImgRoundTripIsExact() {
        float[] data = new float[5 * 4 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian() * 1e3f;
        }
        data[7] = Float.MIN_VALUE;
        data[8] = -0f;
        ArrayImg<FloatType, ?> img = ArrayImgs.floats(data.clone(), 5, 4, 3); // X, Y, C
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = Tensors.fromImg(m, img);
            assertEquals(new Shape(1, 3, 4, 5), x.getShape());
            assertArrayEquals(data, x.toFloatArray()); // flat XYC order is CHW order
            Img<FloatType> back = Tensors.toImg(x);
            assertArrayEquals(new long[] {5, 4, 3, 1}, back.dimensionsAsLongArray());
            assertSameValues(img, back);
        }
    }

    @Test
    void toImgConvertsOtherDataTypes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ints = m.create(new int[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            Img<FloatType> img = Tensors.toImg(ints);
            RandomAccess<FloatType> ra = img.randomAccess();
            ra.setPosition(new long[] {1, 1, 0, 0});
            assertEquals(4f, ra.get().get());
            assertThrows(IllegalArgumentException.class, () -> Tensors.toImg(m.zeros(new Shape(2, 2))));
        }
    }

    @Test
    void planesThresholdAndSliceMasks() {
        float[] p = {0.1f, 0.5f, 0.9f, Float.NaN, 0.51f, 0f};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray probs = m.create(p, new Shape(2, 1, 1, 3));
            float[][] planes = Tensors.planes(probs);
            assertArrayEquals(new float[] {0.1f, 0.5f, 0.9f}, planes[0]);
            assertArrayEquals(new float[] {Float.NaN, 0.51f, 0f}, planes[1]);

            byte[][] masks = Tensors.threshold(probs, 0.5f);
            assertArrayEquals(new byte[] {0, 1, 1}, masks[0]); // at least 0.5 (metrics.ThresholdRule)
            assertArrayEquals(new byte[] {0, 1, 0}, masks[1]); // NaN -> 0

            List<SliceMask> sliceMasks = Tensors.sliceMasks(probs, 0.5f);
            assertEquals(3, sliceMasks.get(1).width());
            assertEquals(1, sliceMasks.get(1).height());
            assertEquals(1, sliceMasks.get(1).area());

            assertThrows(IllegalArgumentException.class, () -> Tensors.planes(m.zeros(new Shape(1, 2, 2, 2))));
        }
    }

    @Test
    void masksAreN1hwZeroOne() {
        List<SliceMask> masks =
                List.of(new SliceMask(2, 2, new byte[] {0, 1, 1, 0}), new SliceMask(2, 2, new byte[] {1, 1, 1, 1}));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = Tensors.masks(m, masks);
            assertEquals(new Shape(2, 1, 2, 2), y.getShape());
            assertArrayEquals(new float[] {0, 1, 1, 0, 1, 1, 1, 1}, y.toFloatArray());
            byte[][] back = Tensors.threshold(y, 0.5f);
            assertArrayEquals(masks.get(0).pixels(), back[0]);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> Tensors.masks(
                            m, List.of(new SliceMask(2, 2, new byte[4]), new SliceMask(1, 2, new byte[2]))));
        }
    }

    // --- helpers ---

    private static <T extends RealType<T>> float at(RandomAccessibleInterval<T> img, long... pos) {
        RandomAccess<T> ra = img.randomAccess();
        ra.setPosition(pos);
        return ra.get().getRealFloat();
    }

    /** Same values at every position of {@code expected}; {@code actual} may have extra size-1 dims. */
    static <T extends RealType<T>> void assertSameValues(RandomAccessibleInterval<T> expected, Img<FloatType> actual) {
        Cursor<T> c = net.imglib2.view.Views.flatIterable(expected).localizingCursor();
        RandomAccess<FloatType> ra = actual.randomAccess();
        long[] pos = new long[actual.numDimensions()];
        while (c.hasNext()) {
            float e = c.next().getRealFloat();
            for (int d = 0; d < expected.numDimensions(); d++) {
                pos[d] = c.getLongPosition(d);
            }
            ra.setPosition(pos);
            assertEquals(e, ra.get().get(), "at " + java.util.Arrays.toString(pos));
        }
    }
}
