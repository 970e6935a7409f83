package io.github.braintumor.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.progress.ProgressListener;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The weights of the last k epochs (copies on the Java heap), and their mean: at the end of a run that was not
 * canceled the mean is validated and kept (by the {@link BestModelKeeper}) only when it validates better than the
 * best epoch. Snapshots are not part of a checkpoint, so after a resume the mean covers the epochs run since.
 */
final class WeightAverage implements TrainingListener {
    private final int epochs;
    private final Deque<List<float[]>> recent = new ArrayDeque<>();
    private final BestModelKeeper keeper;
    private final String metricName;
    private final ProgressListener out;

    /** @param epochs how many of the last epochs to average; 0 or 1 = off */
    WeightAverage(int epochs, BestModelKeeper keeper, String metricName, ProgressListener out) {
        this.epochs = epochs;
        this.keeper = keeper;
        this.metricName = metricName;
        this.out = out;
    }

    @Override
    public void onEpochEnd(EpochEnd e) {
        add(e.model());
    }

    @Override
    public void onTrainingEnd(TrainingEnd end) throws IOException, BundleException {
        if (!end.canceled() && size() > 1) {
            averageIfBetter(end);
        }
    }

    /** Averages the last epochs' weights; keeps (and saves) them when validation improves, else restores. */
    private void averageIfBetter(TrainingEnd end) throws IOException, BundleException {
        Model model = end.model();
        applyMean(model);
        TrainingTask.Validation v = end.validation().validate();
        if (v != null && v.betterThan(keeper.best())) {
            out.onMessage(String.format(
                    Locale.ROOT,
                    "Average of the last %d epochs: val %s %.4f > %.4f, kept",
                    size(),
                    metricName,
                    v.metric(),
                    keeper.best().metric()));
            keeper.keepAverage(model, v, size(), end.curve());
            return;
        }
        out.onMessage(String.format(
                Locale.ROOT,
                "Average of the last %d epochs: val %s %s, not better; kept epoch %d",
                size(),
                metricName,
                v == null ? "canceled" : String.format(Locale.ROOT, "%.4f", v.metric()),
                keeper.bestEpoch()));
        restoreLast(model);
    }

    /** Remembers the model's weights after an epoch (nothing when off). */
    void add(Model model) {
        if (epochs <= 1) return;
        recent.addLast(snapshot(model));
        while (recent.size() > epochs) recent.removeFirst();
    }

    /** @return how many epochs the mean would cover now */
    int size() {
        return recent.size();
    }

    /** Puts the mean of the remembered weights into the model. */
    void applyMean(Model model) {
        List<float[]> last = recent.getLast();
        List<float[]> mean = new ArrayList<>();
        for (int i = 0; i < last.size(); i++) {
            float[] m = new float[last.get(i).length];
            for (List<float[]> s : recent) {
                float[] w = s.get(i);
                for (int j = 0; j < m.length; j++) m[j] += w[j] / recent.size();
            }
            mean.add(m);
        }
        restore(model, mean);
    }

    /** Puts the last remembered weights back (the mean was not better). */
    void restoreLast(Model model) {
        restore(model, recent.getLast());
    }

    private static List<float[]> snapshot(Model model) {
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            values.add(p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    private static void restore(Model model, List<float[]> values) {
        int i = 0;
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            NDArray a = p.getValue().getArray();
            a.set(values.get(i++));
        }
    }
}
