package io.github.braintumor.conversion;

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
            IntensityStatistics.of(channels).apply(channels);
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
