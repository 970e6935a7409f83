package io.github.braintumor.conversion;

import java.util.Arrays;

/**
 * Every plane of one channel in a volume, wherever the planes live (one array per slice, or one flat NCHW
 * array), so that each normalisation is written once.
 */
final class ChannelPlanes {
    /** Visits one plane: {@code array[from..to)}. */
    interface PlaneVisitor {
        void visit(float[] array, int from, int to);
    }

    private final float[][] arrays;
    private final int[] offsets;
    private final int planeSize;

    private ChannelPlanes(float[][] arrays, int[] offsets, int planeSize) {
        this.arrays = arrays;
        this.offsets = offsets;
        this.planeSize = planeSize;
    }

    /** @return one ChannelPlanes per channel of {@code slicesChw} (one CHW array per slice) */
    static ChannelPlanes[] ofSlices(float[][] slicesChw, int channels) {
        if (slicesChw == null || slicesChw.length == 0) {
            throw new IllegalArgumentException("No slices to normalise");
        }
        checkChannels(channels);
        int length = slicesChw[0].length;
        if (length == 0 || length % channels != 0) {
            throw new IllegalArgumentException(
                    "Slice 0 has " + length + " values, not a positive multiple of " + channels + " channels");
        }
        for (int s = 1; s < slicesChw.length; s++) {
            if (slicesChw[s].length != length) {
                throw new IllegalArgumentException("Slice " + s + " has " + slicesChw[s].length
                        + " values but slice 0 has " + length + "; a volume's slices must be the same size");
            }
        }
        int plane = length / channels;
        ChannelPlanes[] result = new ChannelPlanes[channels];
        for (int c = 0; c < channels; c++) {
            int[] offsets = new int[slicesChw.length];
            for (int s = 0; s < offsets.length; s++) {
                offsets[s] = c * plane;
            }
            result[c] = new ChannelPlanes(slicesChw, offsets, plane);
        }
        return result;
    }

    /** @return one ChannelPlanes per channel of a flat NCHW array */
    static ChannelPlanes[] ofBatch(float[] nchw, int slices, int channels) {
        checkChannels(channels);
        if (slices <= 0 || nchw.length == 0 || nchw.length % ((long) slices * channels) != 0) {
            throw new IllegalArgumentException("Batch of " + nchw.length + " values is not " + slices + " slices x "
                    + channels + " channels of equal planes");
        }
        int plane = nchw.length / (slices * channels);
        float[][] arrays = new float[slices][];
        Arrays.fill(arrays, nchw);
        ChannelPlanes[] result = new ChannelPlanes[channels];
        for (int c = 0; c < channels; c++) {
            int[] offsets = new int[slices];
            for (int s = 0; s < slices; s++) {
                offsets[s] = (s * channels + c) * plane;
            }
            result[c] = new ChannelPlanes(arrays, offsets, plane);
        }
        return result;
    }

    /** @return the number of values in this channel over the volume */
    long size() {
        return (long) offsets.length * planeSize;
    }

    void forEachPlane(PlaneVisitor visitor) {
        for (int s = 0; s < offsets.length; s++) {
            visitor.visit(arrays[s], offsets[s], offsets[s] + planeSize);
        }
    }

    /** @return a copy of every value of every given channel, in one array */
    static float[] concatenate(ChannelPlanes[] channels) {
        long total = 0;
        for (ChannelPlanes ch : channels) {
            total += ch.size();
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Volume of " + total + " values is too large to normalise at once");
        }
        float[] all = new float[(int) total];
        int[] at = {0};
        for (ChannelPlanes ch : channels) {
            ch.forEachPlane((a, from, to) -> {
                System.arraycopy(a, from, all, at[0], to - from);
                at[0] += to - from;
            });
        }
        return all;
    }

    private static void checkChannels(int channels) {
        if (channels <= 0) {
            throw new IllegalArgumentException("channels must be positive, got " + channels);
        }
    }
}
