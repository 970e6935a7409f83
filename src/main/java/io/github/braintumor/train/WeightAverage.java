package io.github.braintumor.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The weights of the last k epochs (copies on the Java heap), and their mean: the training loop tries the mean at
 * the end and keeps it only when it validates better. Snapshots are not part of a checkpoint, so after a resume the
 * mean covers the epochs run since.
 */
final class WeightAverage {
    private final int epochs;
    private final Deque<List<float[]>> recent = new ArrayDeque<>();

    /** @param epochs how many of the last epochs to average; 0 or 1 = off */
    WeightAverage(int epochs) {
        this.epochs = epochs;
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
