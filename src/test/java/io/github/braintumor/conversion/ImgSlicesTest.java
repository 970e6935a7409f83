package io.github.braintumor.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import java.util.List;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import org.junit.jupiter.api.Test;

class ImgSlicesTest {
    @Test
    void bytesAreTakenAsTheyAreOnTheXYChannelSliceAxes() {
        byte[] data = new byte[2 * 2 * 3 * 2];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 10);
        List<SliceImage> s = ImgSlices.toSliceImages(ArrayImgs.unsignedBytes(data, 2, 2, 3, 2));
        assertEquals(2, s.size());
        assertEquals(3, s.get(0).channels());
        assertFalse(s.get(0).replicated());
        assertEquals(40, s.get(0).unsigned(SliceImage.FLAIR, 0, 0)); // x=0,y=0,c=1,z=0 is element 4
        assertEquals(230, s.get(1).unsigned(SliceImage.POST_CONTRAST, 1, 1)); // element 12 + 8 + 3 = 23
    }

    @Test
    void theArrayFastPathReadsWhatTheGeneralPathReads() {
        byte[] data = new byte[5 * 4 * 3 * 3];
        new java.util.Random(3).nextBytes(data);
        var array = ArrayImgs.unsignedBytes(data, 5, 4, 3, 3);
        // the same pixels through a view, which takes the general (cursor) path
        var view = net.imglib2.view.Views.interval(array, array);
        List<SliceImage> fast = ImgSlices.toSliceImages(array);
        List<SliceImage> general = ImgSlices.toSliceImages(view);
        assertEquals(general.size(), fast.size());
        for (int z = 0; z < fast.size(); z++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(
                    general.get(z).pixels(), fast.get(z).pixels(), "slice " + z);
            assertEquals(general.get(z).replicated(), fast.get(z).replicated());
        }
        data[5 * 4 + 2] = 7; // no copy of the image is kept: a change before the call is seen
        assertEquals(7, ImgSlices.toSliceImages(array).get(0).unsigned(SliceImage.FLAIR, 0, 2));
    }

    @Test
    void oneChannelIsReplicatedAndOtherTypesAreScaledFromTheirRange() {
        short[] data = {100, 200, 300, 1100};
        List<SliceImage> s = ImgSlices.toSliceImages(ArrayImgs.unsignedShorts(data, 2, 2));
        assertEquals(1, s.size());
        assertTrue(s.get(0).replicated());
        assertEquals(0, s.get(0).unsigned(0, 0, 0));
        assertEquals(255, s.get(0).unsigned(2, 1, 1));
        assertEquals(Math.round(100 * 255.0 / 1000), s.get(0).unsigned(1, 0, 1));
    }

    @Test
    void wrongChannelCountsAreNamed() {
        Img<UnsignedByteType> two = ArrayImgs.unsignedBytes(4, 4, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImgSlices.toSliceImages(two));
        assertTrue(e.getMessage().contains("2 channels"), e.getMessage());
        Img<UnsignedShortType> five = ArrayImgs.unsignedShorts(2, 2, 1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> ImgSlices.toSliceImages(five));
    }

    @Test
    void masksComeBackAsXYZ0And255() {
        Img<UnsignedByteType> m = ImgSlices.toMaskImg(
                List.of(new SliceMask(2, 1, new byte[] {0, 1}), new SliceMask(2, 1, new byte[] {1, 0})));
        assertEquals(3, m.numDimensions());
        var ra = m.randomAccess();
        ra.setPosition(new long[] {1, 0, 0});
        assertEquals(255, ra.get().get());
        ra.setPosition(new long[] {1, 0, 1});
        assertEquals(0, ra.get().get());
    }

    @Test
    void aLinearRescaleOfEachChannelGivesTheSameSlices() {
        // a 16-bit patient, and the same patient with each channel multiplied and offset (another scanner's gain)
        int w = 8, h = 8, z = 5;
        short[] a = new short[w * h * 3 * z];
        short[] b = new short[a.length];
        java.util.Random rng = new java.util.Random(3);
        int[] gain = {11, 13, 16};
        int[] offset = {500, 40, 1200};
        for (int s = 0; s < z; s++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < w * h; i++) {
                    int at = (s * 3 + c) * w * h + i;
                    int v = rng.nextInt(200 + 300 * s); // slices differ in contrast
                    a[at] = (short) v;
                    b[at] = (short) (v * gain[c] + offset[c]);
                }
            }
        }
        List<SliceImage> plain = ImgSlices.toSliceImages(ArrayImgs.unsignedShorts(a, w, h, 3, z));
        List<SliceImage> rescaled = ImgSlices.toSliceImages(ArrayImgs.unsignedShorts(b, w, h, 3, z));
        assertEquals(plain, rescaled);
    }

    @Test
    void oneScalePerVolumeKeepsTheContrastBetweenSlices() {
        short[] data = {0, 100, 100, 100, 0, 1000, 1000, 1000}; // (2, 2, 1, 2): a dim slice and a bright one
        List<SliceImage> s = ImgSlices.toSliceImages(ArrayImgs.unsignedShorts(data, 2, 2, 1, 2));
        assertEquals(Math.round(100 * 255.0 / 1000), s.get(0).unsigned(SliceImage.FLAIR, 0, 1));
        assertEquals(255, s.get(1).unsigned(SliceImage.FLAIR, 0, 1));
    }
}
