package io.github.braintumor.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Adam (the same update as DJL's {@code Adam}: bias-corrected learning rate, fused engine update) whose state can
 * be saved and restored, which DJL's cannot: the step count and both moment estimates of every parameter. A run
 * stopped after an epoch and resumed from its checkpoint therefore continues exactly as if it had not stopped.
 *
 * <pre>{@code
 * ResumableAdam adam = ResumableAdam.builder().setLearningRateTracker(Tracker.fixed(1e-3f)).build();
 * // ... train; at a checkpoint:
 * try (OutputStream out = Files.newOutputStream(dir.resolve("optimizer.ndlist"))) { adam.save(model, out); }
 * // ... later, after building the model and trainer again:
 * try (InputStream in = Files.newInputStream(dir.resolve("optimizer.ndlist"))) { adam.load(model, in); }
 * }</pre>
 */
final class ResumableAdam extends Optimizer {
    private static final String MEAN = "m:";
    private static final String VARIANCE = "v:";

    private final Tracker learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Map<String, NDArray> means = new HashMap<>();
    private final Map<String, NDArray> variances = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();

    private ResumableAdam(Builder b) {
        super(b);
        learningRate = b.learningRate;
        beta1 = b.beta1;
        beta2 = b.beta2;
        epsilon = b.epsilon;
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = counts.merge(parameterId, 1, Integer::sum);
        double coef1 = 1.0 - Math.pow(beta1, t);
        double coef2 = 1.0 - Math.pow(beta2, t);
        float base = learningRate.getNewValue(t);
        float lr = (float) (base * Math.sqrt(coef2) / coef1);
        if (!Float.isFinite(lr)) {
            throw new IllegalStateException("learning rate became " + lr + " at step " + t);
        }
        NDArray m = means.computeIfAbsent(parameterId, k -> weight.zerosLike());
        NDArray v = variances.computeIfAbsent(parameterId, k -> weight.zerosLike());
        weight.getNDArrayInternal()
                .adamUpdate(
                        new NDList(weight, grad, m, v),
                        new NDList(weight),
                        base,
                        lr,
                        getWeightDecay(),
                        rescaleGrad,
                        clipGrad,
                        beta1,
                        beta2,
                        epsilon,
                        true,
                        false);
    }

    /** @return optimizer steps taken (the largest per-parameter update count) */
    int steps() {
        return counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Writes the moments of every parameter of {@code model} (by parameter name) and the step count. */
    void save(Model model, OutputStream out) throws IOException {
        NDList state = new NDList();
        try (NDManager scratch = model.getNDManager().newSubManager()) {
            NDArray step = scratch.create(new int[] {steps()});
            step.setName("steps");
            state.add(step);
            for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
                String id = p.getValue().getId();
                if (means.containsKey(id)) {
                    state.add(named(means.get(id), MEAN + p.getKey()));
                    state.add(named(variances.get(id), VARIANCE + p.getKey()));
                }
            }
            state.encode(out);
        }
    }

    /** Restores what {@link #save} wrote, for the same architecture; moments land in the model's manager. */
    void load(Model model, InputStream in) throws IOException {
        NDList state = NDList.decode(model.getNDManager(), in);
        Map<String, NDArray> byName = new HashMap<>();
        for (NDArray a : state) {
            byName.put(a.getName(), a);
        }
        NDArray step = byName.get("steps");
        if (step == null) {
            throw new IOException("optimizer state has no step count");
        }
        int t = step.toIntArray()[0];
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            NDArray m = byName.get(MEAN + p.getKey());
            NDArray v = byName.get(VARIANCE + p.getKey());
            if (m == null || v == null) {
                continue; // never updated (e.g. running statistics)
            }
            if (!m.getShape().equals(p.getValue().getArray().getShape())) {
                throw new IOException("optimizer state of " + p.getKey() + " has shape " + m.getShape()
                        + " but the parameter has " + p.getValue().getArray().getShape());
            }
            String id = p.getValue().getId();
            means.put(id, m);
            variances.put(id, v);
            counts.put(id, t);
        }
        step.close();
    }

    /** Names the live moment array itself: a copy would land in the model's manager and outlive the save. */
    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }

    /** Builder: the learning-rate tracker (betas 0.9 / 0.999, epsilon 1e-8 as DJL's Adam); decay, clipping as DJL's. */
    static final class Builder extends OptimizerBuilder<Builder> {
        private Tracker learningRate = Tracker.fixed(1e-3f);
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;

        @Override
        protected Builder self() {
            return this;
        }

        Builder setLearningRateTracker(Tracker t) {
            learningRate = t;
            return this;
        }

        ResumableAdam build() {
            return new ResumableAdam(this);
        }
    }
}
