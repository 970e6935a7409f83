package io.github.braintumor.fiji;

import ij.gui.Plot;
import io.github.braintumor.progress.Progress;
import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An ImageJ {@link Plot} window with training loss and validation metric per epoch, redrawn after each epoch.
 * Headless it only collects the points.
 *
 * <pre>{@code
 * LearningCurvePlot plot = new LearningCurvePlot("Learning curve: UNet", "val Dice");
 * progress.optEpochHook(plot);
 * }</pre>
 */
public final class LearningCurvePlot implements Consumer<Progress> {
    private final String title;
    private final String metricName;
    private final List<Double> epochs = new ArrayList<>();
    private final List<Double> losses = new ArrayList<>();
    private final List<Double> metrics = new ArrayList<>();
    private Plot plot;

    public LearningCurvePlot(String title, String metricName) {
        this.title = title;
        this.metricName = metricName;
    }

    @Override
    public synchronized void accept(Progress p) {
        if (p.epoch() == null) return; // not a training report
        epochs.add((double) p.epoch().epoch());
        losses.add(p.epoch().loss());
        metrics.add(p.epoch().validationMetric().orElse(Double.NaN));
        if (!GraphicsEnvironment.isHeadless()) redraw();
    }

    /** Number of epochs drawn so far. */
    public synchronized int points() {
        return epochs.size();
    }

    private void redraw() {
        double[] x = toArray(epochs);
        Plot next = new Plot(title, "epoch", "loss / " + metricName);
        next.setColor(Color.RED);
        next.add("line", x, toArray(losses));
        next.setColor(Color.BLUE);
        next.add("line", x, toArray(metrics));
        next.setColor(Color.BLACK);
        next.addLegend("train loss\n" + metricName);
        next.setLimitsToFit(false);
        if (plot == null || plot.getImagePlus() == null || plot.getImagePlus().getWindow() == null) {
            plot = next;
            plot.show();
        } else {
            plot.getImagePlus().setProcessor(next.getProcessor());
            plot.getImagePlus().updateAndDraw();
        }
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
