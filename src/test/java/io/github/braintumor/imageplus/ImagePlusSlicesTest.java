package io.github.braintumor.imageplus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagePlusSlicesTest {

    @Test
    void rgbStackBecomesChwSlices() {
        ImageStack stack = new ImageStack(2, 1);
        stack.addSlice(null, new ColorProcessor(2, 1, new int[] {0x010203, 0xfffe80}));
        stack.addSlice(null, new ColorProcessor(2, 1, new int[] {0xff000000 | 0x0a0b0c, 0}));
        List<SliceImage> slices = ImagePlusSlices.toSliceImages(new ImagePlus("rgb", stack));

        assertEquals(2, slices.size());
        SliceImage s = slices.get(0);
        assertEquals(3, s.channels());
        assertEquals(false, s.replicated());
        assertArrayEquals(new byte[] {1, (byte) 0xff, 2, (byte) 0xfe, 3, (byte) 0x80}, s.pixels());
        assertEquals(11, slices.get(1).unsigned(1, 0, 0)); // G of the second slice, alpha ignored
        assertEquals("", ImagePlusSlices.conversionNote(new ImagePlus("rgb", stack)));
    }

    @Test
    void threeChannelHyperstackUsesChannelsInOrder() {
        // C=3, Z=2: stack order c fastest. Value = 10*z + c.
        ImageStack stack = new ImageStack(1, 1);
        for (int z = 0; z < 2; z++) {
            for (int c = 0; c < 3; c++) {
                stack.addSlice(null, new ByteProcessor(1, 1, new byte[] {(byte) (10 * z + c)}));
            }
        }
        ImagePlus imp = new ImagePlus("hyper", stack);
        imp.setDimensions(3, 2, 1);
        List<SliceImage> slices = ImagePlusSlices.toSliceImages(imp);
        assertEquals(2, slices.size());
        assertArrayEquals(new byte[] {10, 11, 12}, slices.get(1).pixels());
        assertEquals("", ImagePlusSlices.conversionNote(imp));
    }

    @Test
    void singleChannelIsReplicatedWithANote() {
        ImagePlus imp = new ImagePlus("gray", new ByteProcessor(2, 1, new byte[] {7, (byte) 200}));
        List<SliceImage> slices = ImagePlusSlices.toSliceImages(imp);
        assertArrayEquals(
                new byte[] {7, (byte) 200, 7, (byte) 200, 7, (byte) 200},
                slices.get(0).pixels());
        assertTrue(slices.get(0).replicated());
        assertTrue(ImagePlusSlices.conversionNote(imp).contains("replicated"), ImagePlusSlices.conversionNote(imp));
    }

    @Test
    void sixteenBitPlanesAreScaledFromMinToMax() {
        short[] v = {100, 200, 300, 1100};
        ImagePlus imp = new ImagePlus("16", new ShortProcessor(4, 1, v, null));
        SliceImage s = ImagePlusSlices.toSliceImages(imp).get(0);
        // (v - 100) * 255 / 1000 rounded: 0, 25.5 -> 26, 51, 255
        assertArrayEquals(
                new int[] {0, 26, 51, 255},
                new int[] {s.unsigned(0, 0, 0), s.unsigned(0, 0, 1), s.unsigned(0, 0, 2), s.unsigned(0, 0, 3)});
        assertTrue(ImagePlusSlices.conversionNote(imp).contains("16-bit"));
    }

    @Test
    void floatPlanesScaledNaNAndConstantBecomeZero() {
        ImagePlus imp = new ImagePlus("32", new FloatProcessor(3, 1, new float[] {-1f, Float.NaN, 1f}));
        SliceImage s = ImagePlusSlices.toSliceImages(imp).get(0);
        assertArrayEquals(
                new int[] {0, 0, 255}, new int[] {s.unsigned(2, 0, 0), s.unsigned(2, 0, 1), s.unsigned(2, 0, 2)});

        ImagePlus constant = new ImagePlus("c", new FloatProcessor(2, 1, new float[] {5f, 5f}));
        assertArrayEquals(
                new byte[6], ImagePlusSlices.toSliceImages(constant).get(0).pixels());
    }

    @Test
    void twoChannelsAreRejected() {
        ImageStack stack = new ImageStack(1, 1);
        stack.addSlice(null, new ByteProcessor(1, 1));
        stack.addSlice(null, new ByteProcessor(1, 1));
        ImagePlus imp = new ImagePlus("two", stack);
        imp.setDimensions(2, 1, 1);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ImagePlusSlices.toSliceImages(imp));
        assertTrue(e.getMessage().contains("'two' has 2 channels"), e.getMessage());
    }

    @Test
    void masksRoundTripAs0And255() {
        List<byte[]> masks = List.of(new byte[] {0, 1, 1, 0}, new byte[] {1, 0, 0, 0});
        ImagePlus imp = ImagePlusSlices.masksImage(masks, 2, 2, "mask");
        assertEquals(8, imp.getBitDepth());
        assertEquals(2, imp.getStackSize());
        assertArrayEquals(new byte[] {0, (byte) 255, (byte) 255, 0}, (byte[])
                imp.getStack().getPixels(1));

        List<SliceMask> back = ImagePlusSlices.toSliceMasks(imp);
        assertArrayEquals(masks.get(1), back.get(1).pixels());
        assertEquals(2, back.get(0).area());
        ImagePlus again = ImagePlusSlices.sliceMasksImage(back, "again");
        assertArrayEquals(
                (byte[]) imp.getStack().getPixels(2), (byte[]) again.getStack().getPixels(2));
    }

    @Test
    void masksOutside01AndWrongSizesAreRejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ImagePlusSlices.masksImage(List.of(new byte[] {0, 2}), 2, 1, "m"));
        assertTrue(e.getMessage().contains("value 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImagePlusSlices.masksImage(List.of(new byte[3]), 2, 1, "m"));
        assertThrows(
                IllegalArgumentException.class,
                () -> ImagePlusSlices.toSliceMasks(new ImagePlus("f", new FloatProcessor(1, 1))));
    }

    @Test
    void probabilityImageSharesThePlanes() {
        float[][] planes = {{0f, 0.25f}, {1f, 0.5f}};
        ImagePlus imp = ImagePlusSlices.probabilityImage(planes, 2, 1, "p");
        assertEquals(32, imp.getBitDepth());
        assertSame(planes[1], imp.getStack().getPixels(2));
        assertEquals(1.0, imp.getDisplayRangeMax());
    }
}
