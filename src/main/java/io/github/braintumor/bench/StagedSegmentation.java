package io.github.braintumor.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.tensor.Normalization;

import java.util.List;

/**
 * The steps of {@code infer.DefaultSegmenter} (same order, same operations) with a clock around each, for
 * slices already read: conversion (bytes to floats, the volume's normalisation, a batch array into an NDArray),
 * inference (the block's forward pass), post-processing (sigmoid, copy out per slice, threshold to masks, freeing
 * the batch). Slices must already have the model's input size.
 *
 * <pre>{@code
 * double[] ms = new StagedSegmentation(bundle, 8).segment(slices); // in the order of STAGES
 * }</pre>
 */
final class StagedSegmentation {
    static final List<String> STAGES = List.of("conversion", "inference", "postprocessing");

    private final ModelBundle bundle;
    private final int batch;
    private final Normalization normalization;
    private final float threshold;

    StagedSegmentation(ModelBundle bundle, int batch) {
        this.bundle = bundle;
        this.batch = batch;
        ModelInfo info = bundle.info();
        this.normalization = Normalization.fromId(info.normalization());
        this.threshold = info.threshold();
    }

    /** @return milliseconds spent in each of {@link #STAGES} over all slices */
    double[] segment(List<SliceImage> slices) {
        long conversion = 0;
        long inference = 0;
        long post = 0;
        long t = System.nanoTime();
        int channels = slices.get(0).channels();
        int h = slices.get(0).height();
        int w = slices.get(0).width();
        float[][] volume = new float[slices.size()][];
        for (int i = 0; i < volume.length; i++) {
            byte[] px = slices.get(i).pixels();
            float[] f = new float[px.length];
            for (int k = 0; k < px.length; k++) f[k] = px[k] & 0xFF;
            volume[i] = f;
        }
        normalization.normalizeVolume(volume, channels);
        conversion += System.nanoTime() - t;
        NDManager base = bundle.model().getNDManager();
        Block block = bundle.model().getBlock();
        int plane = channels * h * w;
        long masked = 0;
        for (int from = 0; from < slices.size(); from += batch) {
            int n = Math.min(batch, slices.size() - from);
            t = System.nanoTime();
            NDManager sub = base.newSubManager();
            float[] x = new float[n * plane];
            for (int k = 0; k < n; k++) System.arraycopy(volume[from + k], 0, x, k * plane, plane);
            NDArray data = sub.create(x, new Shape(n, channels, h, w));
            long t1 = System.nanoTime();
            conversion += t1 - t;
            NDArray y = block.forward(new ParameterStore(sub, false), new NDList(data), false).singletonOrThrow();
            long t2 = System.nanoTime();
            inference += t2 - t1;
            float[] values = Activation.sigmoid(y).toType(DataType.FLOAT32, false).toFloatArray();
            int per = values.length / n;
            for (int k = 0; k < n; k++) {
                float[] p = new float[per];
                System.arraycopy(values, k * per, p, 0, per);
                byte[] m = io.github.braintumor.metrics.ThresholdRule.mask(p, threshold);
                masked += new SliceMask(w, h, m).area();
            }
            sub.close();
            post += System.nanoTime() - t2;
        }
        if (masked < 0) throw new IllegalStateException("unreachable: keeps the masks from being optimised away");
        return new double[] {conversion / 1e6, inference / 1e6, post / 1e6};
    }
}
