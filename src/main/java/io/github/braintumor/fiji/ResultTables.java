package io.github.braintumor.fiji;

import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;
import io.github.braintumor.app.IouEvaluation;
import io.github.braintumor.app.StackClassification;
import io.github.braintumor.app.StackSegmentation;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.metrics.TumourVolume;
import java.awt.GraphicsEnvironment;
import java.util.List;

/**
 * The plugin's ImageJ results tables (titles, columns) made from the facades' rows.
 *
 * <pre>{@code
 * ResultsTable t = ResultTables.segmentation(output, "mm");
 * ResultTables.show(t, ResultTables.SEGMENTATION);
 * }</pre>
 */
public final class ResultTables {
    public static final String CLASSIFICATION = "Tumor Classification";
    public static final String SEGMENTATION = "Tumor Segmentation";
    public static final String VOLUME = "Tumor Volume";
    public static final String IOU = "Tumor IoU";
    public static final String OVERVIEW = "Dataset Overview";
    public static final String TRIALS = "Random Search Trials";

    private ResultTables() {}

    public static ResultsTable classification(List<StackClassification.Row> rows) {
        return classificationFrames(List.of(rows));
    }

    /**
     * One row per slice of each frame: "frame" (1-based time point), "slice" (within the frame), label,
     * probability, modalities, "resampled" (e.g. "512x512 -&gt; 256x256", empty when not), engine.
     */
    public static ResultsTable classificationFrames(List<List<StackClassification.Row>> frames) {
        ResultsTable t = new ResultsTable();
        String engine = frames.stream().allMatch(List::isEmpty) ? "" : DjlEngine.brief();
        for (int f = 0; f < frames.size(); f++) {
            for (StackClassification.Row r : frames.get(f)) {
                t.incrementCounter();
                t.addValue("frame", f + 1);
                t.addValue("slice", r.slice());
                t.addValue("label", r.label());
                t.addValue("probability", r.probability());
                t.addValue("modalities", r.modalities());
                t.addValue("resampled", r.resampled());
                t.addValue("engine", engine);
            }
        }
        return t;
    }

    /** Per-slice rows plus a "postprocessing" column naming what was applied ("raw" = threshold only). */
    public static ResultsTable segmentation(StackSegmentation.Output output, String unit) {
        return segmentation(List.of(output), unit);
    }

    /**
     * Per-slice rows of each frame ("frame" 1-based, "slice" within the frame) plus a "postprocessing" column
     * naming what was applied ("raw" = threshold only).
     */
    public static ResultsTable segmentation(List<StackSegmentation.Output> frames, String unit) {
        ResultsTable t = new ResultsTable();
        String areaColumn = "area (" + (unit == null || unit.isEmpty() ? "pixel" : unit) + "^2)";
        for (int f = 0; f < frames.size(); f++) {
            String engine = frames.get(f).engine(); // what the model ran in (a TorchScript one: float32)
            String applied = frames.get(f).postprocessing().name();
            for (StackSegmentation.Row r : frames.get(f).rows()) {
                t.incrementCounter();
                t.addValue("frame", f + 1);
                t.addValue("slice", r.slice());
                t.addValue("tumour pixels", r.tumourPixels());
                t.addValue(areaColumn, r.area());
                t.addValue("max probability", r.maxProbability());
                t.addValue("modalities", r.modalities());
                t.addValue("resampled", r.resampled());
                t.addValue("engine", engine);
                t.addValue("postprocessing", applied);
            }
        }
        return t;
    }

    /** One row for the stack: volume (calibrated), slices with tumour, largest slice, mean intensity per channel. */
    public static ResultsTable volume(String title, TumourVolume v, String modalities) {
        ResultsTable t = new ResultsTable();
        addVolume(t, title, 1, v, modalities, "");
        return t;
    }

    /** One row per frame (each time point a volume of its own), "frame" saying which. */
    public static ResultsTable volumes(String title, List<StackSegmentation.Output> frames) {
        ResultsTable t = new ResultsTable();
        for (int f = 0; f < frames.size(); f++) {
            addVolume(
                    t,
                    title,
                    f + 1,
                    frames.get(f).volume(),
                    frames.get(f).modalities().volume().id(),
                    frames.get(f).warning());
        }
        return t;
    }

    private static void addVolume(
            ResultsTable t, String title, int frame, TumourVolume v, String modalities, String warning) {
        t.incrementCounter();
        t.addValue("image", title);
        t.addValue("frame", frame);
        t.addValue("volume (" + v.unit() + "^3)", v.volume());
        t.addValue("voxels", v.voxels());
        t.addValue("tumour slices", v.tumourSlices());
        t.addValue("largest slice", v.largestSlice());
        t.addValue("largest slice area (" + v.unit() + "^2)", v.largestSliceArea());
        String[] names = {"mean pre-contrast", "mean FLAIR", "mean post-contrast"};
        for (int c = 0; c < v.meanIntensity().length; c++) {
            t.addValue(
                    c < names.length && v.meanIntensity().length == 3 ? names[c] : "mean channel " + (c + 1),
                    v.meanIntensity()[c]);
        }
        t.addValue("modalities", modalities);
        t.addValue("warning", warning);
    }

    /** Title of the IoU summary table (the micro and macro rows, apart from the per-slice rows). */
    public static final String IOU_SUMMARY = "Tumor IoU Summary";

    /**
     * Also puts a copy of {@code table} into ImageJ's standard "Results" table, where macros read it with
     * {@code nResults} and {@code getResult(column, row)} (the command's own table keeps its title).
     */
    public static void toResults(ResultsTable table) {
        if (table == null) return;
        ResultsTable copy = (ResultsTable) table.clone();
        Analyzer.setResultsTable(copy);
        if (!GraphicsEnvironment.isHeadless() && !Interpreter.isBatchMode()) copy.show("Results");
    }

    public static ResultsTable iou(List<IouEvaluation.Row> rows) {
        ResultsTable t = new ResultsTable();
        for (IouEvaluation.Row r : rows) {
            t.incrementCounter();
            t.addValue("slice", r.slice());
            t.addValue("IoU", r.iou());
            t.addValue("Dice", r.dice());
            t.addValue("pixel accuracy", r.pixelAccuracy());
            t.addValue("precision", r.precision());
            t.addValue("recall", r.recall());
        }
        return t;
    }

    /** A table from CSV-like columns and rows (e.g. the dataset overview or search trials). */
    public static ResultsTable of(List<String> columns, List<List<String>> rows) {
        ResultsTable t = new ResultsTable();
        for (List<String> row : rows) {
            t.incrementCounter();
            for (int c = 0; c < columns.size() && c < row.size(); c++) {
                String v = row.get(c);
                try {
                    t.addValue(columns.get(c), Double.parseDouble(v));
                } catch (NumberFormatException e) {
                    t.addValue(columns.get(c), v);
                }
            }
        }
        return t;
    }

    /** Shows the table in its window (GUI only; headless the caller keeps the table). */
    public static void show(ResultsTable table, String title) {
        if (!GraphicsEnvironment.isHeadless()) table.show(title);
    }
}
