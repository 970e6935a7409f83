package io.github.braintumor.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import io.github.braintumor.tensor.Normalization;
import io.github.braintumor.tensor.Tensors;
import java.util.Random;
import net.imglib2.RandomAccess;
import net.imglib2.img.Img;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.real.FloatType;
import org.junit.jupiter.api.Test;

/** The whole Fiji path: RGB ImagePlus -> ImgLib2 -> NDArray -> ImgLib2 -> ImagePlus. */
class ImagePlusTensorsTest {
    private static final int W = 4;
    private static final int H = 3;

    @Test
    void rgbStackRoundTripsThroughNdArray() {
        Random random = new Random(3);
        ImageStack stack = new ImageStack(W, H);
        for (int z = 0; z < 2; z++) {
            int[] rgb = new int[W * H];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = random.nextInt(1 << 24);
            }
            stack.addSlice(null, new ColorProcessor(W, H, rgb));
        }
        ImagePlus imp = new ImagePlus("rgb", stack);
        PlanarImg<ARGBType, ?> argb = ImagePlusImgs.wrap(imp);

        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = Tensors.fromImg(m, ImagePlusImgs.rgbToChannels(argb)); // X, Y, C, Z -> Z, C, H, W
            assertEquals(new Shape(2, 3, H, W), x.getShape());

            // Same tensor as the SliceImage path (up to the /255 that batch applies).
            NDArray viaSlices = Tensors.batch(m, ImagePlusSlices.toSliceImages(imp), Normalization.DIVIDE_BY_255);
            assertArrayEquals(viaSlices.toFloatArray(), x.div(255f).toFloatArray(), 1e-7f);

            Img<FloatType> back = Tensors.toImg(x);
            assertArrayEquals(new long[] {W, H, 3, 2}, back.dimensionsAsLongArray());
            int v = ((int[]) stack.getPixels(2))[2 * W + 1]; // z=1, y=2, x=1
            RandomAccess<FloatType> ra = back.randomAccess();
            for (int c = 0; c < 3; c++) {
                ra.setPosition(new long[] {1, 2, c, 1});
                assertEquals((v >> (16 - 8 * c)) & 0xff, (int) ra.get().get(), "channel " + c);
            }

            ImagePlus probs = ImagePlusImgs.toImagePlus(back, "back", "XYCZ");
            assertEquals(32, probs.getBitDepth());
            assertEquals(3, probs.getNChannels());
            assertEquals(2, probs.getNSlices());
            assertEquals((v >> 8) & 0xff, (int)
                    probs.getStack().getProcessor(probs.getStackIndex(2, 2, 1)).getf(1, 2));
        }
    }
}
