package io.github.braintumor.imageplus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.VirtualStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import java.util.Random;
import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import org.junit.jupiter.api.Test;

class ImagePlusImgsTest {
    @Test
    void modalityFramesGiveOneXycVolumePerFrameOverTheStacksOwnArrays() {
        // 3 channels x 2 slices x 2 frames, each plane filled with its own stack index
        ImageStack stack = new ImageStack(4, 3);
        for (int i = 1; i <= 12; i++) {
            ByteProcessor bp = new ByteProcessor(4, 3);
            bp.setValue(i);
            bp.fill();
            stack.addSlice(bp);
        }
        ImagePlus imp = new ImagePlus("hyper", stack);
        imp.setDimensions(3, 2, 2);
        var frames = ImagePlusImgs.modalityFrames(imp);
        assertEquals(2, frames.size());
        for (int t = 0; t < 2; t++) {
            var f = frames.get(t);
            assertArrayEquals(new long[] {4, 3, 3, 2}, f.dimensionsAsLongArray());
            var ra = f.randomAccess();
            for (int z = 0; z < 2; z++) {
                for (int c = 0; c < 3; c++) {
                    ra.setPosition(new long[] {1, 2, c, z});
                    assertEquals(
                            imp.getStackIndex(c + 1, z + 1, t + 1), ra.get().getRealDouble(), "c" + c + " z" + z);
                }
            }
        }
        // zero-copy: the core reads the stack's own pixels
        ((byte[]) stack.getPixels(imp.getStackIndex(2, 1, 2)))[0] = 99;
        var ra = frames.get(1).randomAccess();
        ra.setPosition(new long[] {0, 0, 1, 0});
        assertEquals(99, ra.get().getRealDouble());
        // a plain 2-D RGB image: one frame, the colours as C, one slice
        ImagePlus rgb = new ImagePlus("rgb", new ColorProcessor(5, 2));
        assertArrayEquals(
                new long[] {5, 2, 3, 1},
                ImagePlusImgs.modalityFrames(rgb).get(0).dimensionsAsLongArray());
    }

    @Test
    void aPlaneWithoutFiniteValuesIsRefusedNamingChannelSliceAndFrame() {
        ImageStack stack = new ImageStack(4, 4);
        for (int i = 0; i < 4; i++) {
            FloatProcessor fp = new FloatProcessor(4, 4);
            fp.setValue(i == 3 ? Float.NaN : i + 1);
            fp.fill();
            stack.addSlice(fp);
        }
        ImagePlus imp = new ImagePlus("nan", stack);
        imp.setDimensions(1, 2, 2); // the NaN plane is slice 2 of frame 2
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ImagePlusSlices.toSliceImages(imp));
        assertEquals(
                "Image 'nan' has no finite value (only NaN or infinity) in slice 2 of frame 2: there is nothing"
                        + " to segment; fill or remove that slice first",
                e.getMessage());
    }

    private static final int W = 5;
    private static final int H = 3;
    private final Random random = new Random(42);

    // --- 8-bit ---

    @Test
    void eightBitSingleSliceIsZeroCopyBothWays() {
        byte[] pixels = randomBytes(W * H);
        ImagePlus imp = new ImagePlus("8", new ByteProcessor(W, H, pixels));
        PlanarImg<UnsignedByteType, ?> img = ImagePlusImgs.wrap(imp);

        assertArrayEquals(new long[] {W, H}, img.dimensionsAsLongArray());
        assertInstanceOf(UnsignedByteType.class, img.getType());
        assertSame(pixels, img.getPlane(0).getCurrentStorageArray());
        assertEquals(pixels[2 * W + 4] & 0xff, at(img, 4, 2).get());

        at(img, 1, 1).set(200); // write through the view, read through ImageJ
        assertEquals(200, imp.getProcessor().get(1, 1));

        ImagePlus back = ImagePlusImgs.toImagePlus(img, "back");
        assertEquals(8, back.getBitDepth());
        assertSame(pixels, back.getProcessor().getPixels());
    }

    @Test
    void eightBitStackRoundTrip() {
        ImagePlus imp = stackOf(3, () -> new ByteProcessor(W, H, randomBytes(W * H)));
        PlanarImg<UnsignedByteType, ?> img = ImagePlusImgs.wrap(imp);
        assertArrayEquals(new long[] {W, H, 3}, img.dimensionsAsLongArray());
        assertEquals("XYZ", ImagePlusImgs.axisOrder(imp));
        for (int z = 0; z < 3; z++) {
            assertSame(imp.getStack().getPixels(z + 1), img.getPlane(z).getCurrentStorageArray());
        }
        assertEquals(imp.getStack().getProcessor(3).get(2, 1), at(img, 2, 1, 2).get());

        ImagePlus back = ImagePlusImgs.toImagePlus(img, "back");
        assertEquals(3, back.getStackSize());
        assertEquals(3, back.getNSlices());
        for (int z = 1; z <= 3; z++) {
            assertSame(imp.getStack().getPixels(z), back.getStack().getPixels(z));
        }
    }

    // --- 16-bit ---

    @Test
    void sixteenBitIsUnsignedAndZeroCopy() {
        short[] pixels = new short[W * H];
        pixels[0] = (short) 60000; // above Short.MAX_VALUE: must read as unsigned
        pixels[7] = 1234;
        ImagePlus imp = new ImagePlus("16", new ShortProcessor(W, H, pixels, null));
        PlanarImg<UnsignedShortType, ?> img = ImagePlusImgs.wrap(imp);

        assertInstanceOf(UnsignedShortType.class, img.getType());
        assertSame(pixels, img.getPlane(0).getCurrentStorageArray());
        assertEquals(60000, at(img, 0, 0).get());
        assertEquals(1234, at(img, 2, 1).get());

        ImagePlus back = ImagePlusImgs.toImagePlus(img, "back");
        assertEquals(16, back.getBitDepth());
        assertSame(pixels, back.getProcessor().getPixels());
        assertEquals(60000, back.getProcessor().get(0, 0));
    }

    @Test
    void sixteenBitStackRoundTrip() {
        ImagePlus imp = stackOf(2, () -> {
            short[] s = new short[W * H];
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) random.nextInt(65536);
            }
            return new ShortProcessor(W, H, s, null);
        });
        PlanarImg<UnsignedShortType, ?> img = ImagePlusImgs.wrap(imp);
        assertArrayEquals(new long[] {W, H, 2}, img.dimensionsAsLongArray());
        assertEquals(imp.getStack().getProcessor(2).get(4, 2), at(img, 4, 2, 1).get());
        ImagePlus back = ImagePlusImgs.toImagePlus(img, "back");
        assertSame(imp.getStack().getPixels(2), back.getStack().getPixels(2));
    }

    // --- 32-bit ---

    @Test
    void floatStackIsZeroCopyBothWays() {
        ImagePlus imp = stackOf(4, () -> {
            float[] f = new float[W * H];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) random.nextGaussian();
            }
            return new FloatProcessor(W, H, f);
        });
        PlanarImg<FloatType, ?> img = ImagePlusImgs.wrap(imp);
        assertInstanceOf(FloatType.class, img.getType());
        assertArrayEquals(new long[] {W, H, 4}, img.dimensionsAsLongArray());
        for (int z = 0; z < 4; z++) {
            assertSame(imp.getStack().getPixels(z + 1), img.getPlane(z).getCurrentStorageArray());
        }
        assertEquals(imp.getStack().getProcessor(4).getf(3, 2), at(img, 3, 2, 3).get());
        ImagePlus back = ImagePlusImgs.toImagePlus(img, "back");
        assertEquals(32, back.getBitDepth());
        assertSame(imp.getStack().getPixels(4), back.getStack().getPixels(4));
    }

    @Test
    void floatSingleSliceRoundTrip() {
        float[] f = {0.5f, -1f, Float.NaN, 3e8f, 0, 0};
        ImagePlus imp = new ImagePlus("f", new FloatProcessor(3, 2, f));
        PlanarImg<FloatType, ?> img = ImagePlusImgs.wrap(imp);
        assertArrayEquals(new long[] {3, 2}, img.dimensionsAsLongArray());
        assertEquals(3e8f, at(img, 0, 1).get());
        assertSame(f, ImagePlusImgs.toImagePlus(img, "b").getProcessor().getPixels());
    }

    // --- RGB ---

    @Test
    void rgbIsArgbAndZeroCopy() {
        int[] rgb = new int[W * H];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = random.nextInt(1 << 24);
        }
        ImagePlus imp = new ImagePlus("rgb", new ColorProcessor(W, H, rgb));
        PlanarImg<ARGBType, ?> img = ImagePlusImgs.wrap(imp);
        assertInstanceOf(ARGBType.class, img.getType());
        assertSame(rgb, img.getPlane(0).getCurrentStorageArray());
        assertEquals(rgb[W + 2] & 0xffffff, at(img, 2, 1).get() & 0xffffff);
        ImagePlus back = ImagePlusImgs.toImagePlus(img, "back");
        assertEquals(24, back.getBitDepth());
        assertSame(rgb, back.getProcessor().getPixels());
    }

    @Test
    void rgbStackToChannels() {
        ImagePlus imp = stackOf(2, () -> {
            int[] rgb = new int[W * H];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = random.nextInt(1 << 24);
            }
            return new ColorProcessor(W, H, rgb);
        });
        PlanarImg<ARGBType, ?> img = ImagePlusImgs.wrap(imp);
        assertArrayEquals(new long[] {W, H, 2}, img.dimensionsAsLongArray());
        PlanarImg<UnsignedByteType, ByteArray> channels = ImagePlusImgs.rgbToChannels(img);
        assertArrayEquals(new long[] {W, H, 3, 2}, channels.dimensionsAsLongArray());
        int v = ((int[]) imp.getStack().getPixels(2))[2 * W + 3];
        assertEquals((v >> 16) & 0xff, at(channels, 3, 2, 0, 1).get());
        assertEquals((v >> 8) & 0xff, at(channels, 3, 2, 1, 1).get());
        assertEquals(v & 0xff, at(channels, 3, 2, 2, 1).get());
    }

    // --- hyperstacks, virtual stacks, copies ---

    @Test
    void hyperstackAxesFollowImageJStackOrder() {
        ImagePlus imp = stackOf(2 * 3 * 2, () -> new ByteProcessor(W, H, randomBytes(W * H)));
        imp.setDimensions(2, 3, 2);
        PlanarImg<UnsignedByteType, ?> img = ImagePlusImgs.wrap(imp);
        assertEquals("XYCZT", ImagePlusImgs.axisOrder(imp));
        assertArrayEquals(new long[] {W, H, 2, 3, 2}, img.dimensionsAsLongArray());
        byte[] plane = (byte[]) imp.getStack().getPixels(imp.getStackIndex(2, 3, 1)); // c=1, z=2, t=0 zero-based
        assertSame(plane, img.getPlane(1 + 2 * 2).getCurrentStorageArray());
        assertEquals(plane[W + 4] & 0xff, at(img, 4, 1, 1, 2, 0).get());

        ImagePlus back = ImagePlusImgs.toImagePlus(img, "back", "XYCZT");
        assertEquals(2, back.getNChannels());
        assertEquals(3, back.getNSlices());
        assertEquals(2, back.getNFrames());
        assertSame(plane, back.getStack().getPixels(back.getStackIndex(2, 3, 1)));
    }

    @Test
    void virtualStackIsCopied() {
        byte[][] backing = {randomBytes(W * H), randomBytes(W * H)};
        VirtualStack virtual = new VirtualStack(W, H, null, null) {
            @Override
            public ImageProcessor getProcessor(int n) {
                return new ByteProcessor(W, H, backing[n - 1]);
            }

            @Override
            public Object getPixels(int n) {
                return backing[n - 1];
            }

            @Override
            public int getSize() {
                return backing.length;
            }
        };
        ImagePlus imp = new ImagePlus("virtual", virtual);
        assertTrue(imp.getStack().isVirtual());
        PlanarImg<UnsignedByteType, ?> img = ImagePlusImgs.wrap(imp);
        assertNotSame(backing[1], img.getPlane(1).getCurrentStorageArray());
        assertArrayEquals(backing[1], (byte[]) img.getPlane(1).getCurrentStorageArray());
    }

    @Test
    void arrayImgIsCopiedWithValues() {
        ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(W, H, 2);
        fill(img);
        ImagePlus imp = ImagePlusImgs.toImagePlus(img, "copy");
        assertEquals(8, imp.getBitDepth());
        assertEquals(2, imp.getStackSize());
        assertEquals(at(img, 3, 2, 1).get(), imp.getStack().getProcessor(2).get(3, 2));
        assertEquals(at(img, 0, 0, 0).get(), imp.getStack().getProcessor(1).get(0, 0));
    }

    @Test
    void otherRealTypesBecomeFloat() {
        ArrayImg<DoubleType, ?> img = ArrayImgs.doubles(new double[] {1.5, -2, 3, 4}, 2, 2);
        ImagePlus imp = ImagePlusImgs.toImagePlus(img, "d");
        assertEquals(32, imp.getBitDepth());
        assertEquals(-2f, imp.getProcessor().getf(1, 0));
    }

    @Test
    void axesAreReorderedToImageJOrder() {
        ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(W, H, 4, 2); // X, Y, Z=4, C=2
        fill(img);
        ImagePlus imp = ImagePlusImgs.toImagePlus(img, "zc", "XYZC");
        assertEquals(2, imp.getNChannels());
        assertEquals(4, imp.getNSlices());
        // z=3, c=1 (zero-based) -> ImageJ (c=2, z=4, t=1)
        assertEquals(
                at(img, 1, 2, 3, 1).get(),
                imp.getStack().getProcessor(imp.getStackIndex(2, 4, 1)).get(1, 2));
    }

    @Test
    void badAxesAndTooManyDimensionsAreRejected() {
        ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(2, 2, 2, 2);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ImagePlusImgs.toImagePlus(img, "4d"));
        assertTrue(e.getMessage().contains("axes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImagePlusImgs.toImagePlus(img, "4d", "XYZZ"));
        assertThrows(IllegalArgumentException.class, () -> ImagePlusImgs.toImagePlus(img, "4d", "XYZ"));
        assertThrows(IllegalArgumentException.class, () -> ImagePlusImgs.toImagePlus(img, "4d", "ZXYC"));
    }

    // --- helpers ---

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static ImagePlus stackOf(int n, java.util.function.Supplier<ImageProcessor> slice) {
        ImageStack stack = new ImageStack(W, H);
        for (int i = 0; i < n; i++) {
            stack.addSlice(null, slice.get());
        }
        return new ImagePlus("stack", stack);
    }

    private void fill(ArrayImg<UnsignedByteType, ?> img) {
        Cursor<UnsignedByteType> c = img.cursor();
        while (c.hasNext()) {
            c.next().set(random.nextInt(256));
        }
    }

    private static <T> T at(net.imglib2.RandomAccessible<T> img, long... pos) {
        RandomAccess<T> ra = img.randomAccess();
        ra.setPosition(pos);
        return ra.get();
    }
}
