package io.github.braintumor.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PostProcessingTest {

    /** 4x3 slices written as strings, '#' = tumour. */
    private static byte[] slice(String rows) {
        String s = rows.replace("\n", "");
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (s.charAt(i) == '#' ? 1 : 0);
        return b;
    }

    @Test
    void keepsTheLargestSixConnectedComponentAcrossSlices() {
        byte[][] masks = {
            slice("#...\n...#\n...."), slice("#...\n....\n..##"), slice("#...\n....\n...."),
        };
        // components: the left column through three slices (3 voxels), (1,3) of slice 0 alone (1 voxel),
        // (2,2)-(2,3) of slice 1 (2 voxels); only the first survives
        byte[][] out = PostProcessing.largestComponent3d(masks, 4, 3);
        assertArrayEquals(slice("#...\n....\n...."), out[0]);
        assertArrayEquals(slice("#...\n....\n...."), out[1]);
        assertArrayEquals(slice("#...\n....\n...."), out[2]);
    }

    @Test
    void diagonalNeighboursAreNotConnected() {
        byte[][] masks = {slice("#...\n.#..\n..#."), slice("....\n....\n...#")};
        byte[][] out = PostProcessing.largestComponent3d(masks, 4, 3);
        // four single voxels: the first found (top left of slice 0) wins the tie
        assertArrayEquals(slice("#...\n....\n...."), out[0]);
        assertArrayEquals(slice("....\n....\n...."), out[1]);
    }

    @Test
    void largeVolumeNeedsNoRecursion() {
        int w = 256, h = 256, d = 40;
        byte[][] masks = new byte[d][w * h];
        for (byte[] m : masks) java.util.Arrays.fill(m, (byte) 255);
        byte[][] out = PostProcessing.largestComponent3d(masks, w, h);
        long n = 0;
        for (byte[] m : out) for (byte b : m) n += b;
        assertEquals((long) w * h * d, n);
    }

    @Test
    void emptyStackStaysEmptyAndInputIsUntouched() {
        byte[][] masks = {slice("....\n....\n....")};
        byte[][] copy = {masks[0].clone()};
        assertArrayEquals(masks[0], PostProcessing.largestComponent3d(masks, 4, 3)[0]);
        byte[][] fg = {slice("##..\n....\n....")};
        PostProcessing.largestComponent3d(fg, 4, 3);
        PostProcessing.minimumArea(fg, 5);
        assertArrayEquals(slice("##..\n....\n...."), fg[0]);
        assertArrayEquals(copy[0], masks[0]);
    }

    @Test
    void minimumAreaEmptiesSmallSlicesOnly() {
        byte[][] masks = {slice("##..\n....\n...."), slice("###.\n....\n....")};
        byte[][] out = PostProcessing.minimumArea(masks, 3);
        assertArrayEquals(new byte[12], out[0]);
        assertArrayEquals(slice("###.\n....\n...."), out[1]);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PostProcessing.minimumArea(new byte[1][4], -1));
        assertThrows(
                IllegalArgumentException.class,
                () -> PostProcessing.largestComponent3d(new byte[][] {new byte[5]}, 2, 2));
    }
}
