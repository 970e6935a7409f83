package io.github.braintumor.tensor;

import java.util.Arrays;

/** The built-in {@link Normalization}s; see there for the exact arithmetic. */
enum StandardNormalization implements Normalization {
    DIVIDE_BY_255("divide255") {
        @Override
        void normalize(ChannelPlanes[] channels) {
            for (ChannelPlanes ch : channels) {
                ch.forEachPlane((a, from, to) -> {
                    for (int i = from; i < to; i++) {
                        a[i] /= 255f;
                    }
                });
            }
        }
    },

    PERCENTILE_ZSCORE("percentile-zscore") {
        @Override
        void normalize(ChannelPlanes[] channels) {
            float[] all = ChannelPlanes.concatenate(channels);
            Arrays.sort(all);
            double p10 = percentile(all, 10);
            double p99 = percentile(all, 99);
            double range = p99 - p10;
            for (ChannelPlanes ch : channels) {
                ch.forEachPlane((a, from, to) -> {
                    for (int i = from; i < to; i++) {
                        double v = range > 0 ? (a[i] - p10) / range : 0;
                        a[i] = (float) Math.max(0, Math.min(1, v));
                    }
                });
                double[] sums = new double[2];
                ch.forEachPlane((a, from, to) -> {
                    for (int i = from; i < to; i++) {
                        sums[0] += a[i];
                    }
                });
                double mean = sums[0] / ch.size();
                ch.forEachPlane((a, from, to) -> {
                    for (int i = from; i < to; i++) {
                        double d = a[i] - mean;
                        sums[1] += d * d;
                    }
                });
                double std = Math.sqrt(sums[1] / ch.size());
                ch.forEachPlane((a, from, to) -> {
                    for (int i = from; i < to; i++) {
                        a[i] = std > 0 ? (float) ((a[i] - mean) / std) : 0f;
                    }
                });
            }
        }
    };

    private final String id;

    StandardNormalization(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void normalizeVolume(float[][] slicesChw, int channels) {
        normalize(ChannelPlanes.ofSlices(slicesChw, channels));
    }

    @Override
    public void normalizeBatch(float[] nchw, int slices, int channels) {
        normalize(ChannelPlanes.ofBatch(nchw, slices, channels));
    }

    @Override
    public String toString() {
        return id;
    }

    /** Normalises in place; {@code channels[c]} is every plane of channel c in the volume. */
    abstract void normalize(ChannelPlanes[] channels);

    /** numpy's default ("linear") percentile of sorted values. */
    static double percentile(float[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("percentile of an empty volume");
        }
        double pos = q / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * ((double) sorted[hi] - sorted[lo]);
    }
}
