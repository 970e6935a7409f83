package io.github.braintumor.eval;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.io.OutputPaths;
import io.github.braintumor.model.BundleSettings;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.model.PostProcessingSettings;
import io.github.braintumor.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The plain settings a user gives (command line, Fiji dialog, macro) turned into an {@link Evaluation}, so the
 * CLI and the Fiji command share one meaning of every option.
 *
 * <pre>{@code
 * EvaluationResult r = new EvaluationRequest(Path.of("kaggle_3m"), Path.of("eval-out"), Path.of("models/unet"),
 *         null, null, true, false, 20, "", null, false, true).run(ProgressListener.console(), () -> false);
 * }</pre>
 *
 * @param data           data folder (kaggle_3m, its parent, or a folder of patient folders)
 * @param output         output folder
 * @param unet           UNet bundle folder, or null
 * @param classifier     classifier bundle folder, or null
 * @param threshold      UNet threshold, or null for the bundle's
 * @param lcc            keep the largest 3-D component per patient
 * @param tta            test-time augmentation (mirrored input)
 * @param minArea        minimum predicted area per slice in pixels, 0 = off
 * @param patients       patient ids separated by commas/spaces, or a file with one per line (first CSV column);
 *                       null or blank = all
 * @param predictions    folder of masks from {@code brain-tumor segment} instead of a UNet, or null
 * @param writeThreshold store the best threshold found into the UNet bundle's model.json
 * @param writePostprocessing store the post-processing evaluated ({@code tta}, {@code lcc}, {@code minArea} as
 *                       given) into the UNet bundle's model.json, so segmenting applies it by default
 * @param conditions     input conditions to compare on the same patients ({@link InputCondition#parse}); each
 *                       other than as-is is evaluated into {@code conditions/<name>/} and the main evaluation (as
 *                       given) gets {@code modalities.csv}, {@code modalities.png} and a {@code robustness}
 *                       section; empty = the input as given only
 */
public record EvaluationRequest(Path data, Path output, Path unet, Path classifier, Double threshold, boolean lcc,
                                boolean tta, int minArea, String patients, Path predictions,
                                boolean writeThreshold, boolean writePostprocessing,
                                List<InputCondition> conditions) {
    /** The name the output folder is marked with ({@link OutputPaths#MARKER}), CLI and Fiji alike. */
    public static final String COMMAND = "evaluate";

    /** Sub-folder of the output holding one evaluation per simulated input condition. */
    public static final String CONDITIONS = "conditions";

    public EvaluationRequest {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /** The input as given only. */
    public EvaluationRequest(Path data, Path output, Path unet, Path classifier, Double threshold, boolean lcc,
            boolean tta, int minArea, String patients, Path predictions, boolean writeThreshold,
            boolean writePostprocessing) {
        this(data, output, unet, classifier, threshold, lcc, tta, minArea, patients, predictions, writeThreshold,
                writePostprocessing, List.of());
    }

    /** Without writing the post-processing back (the form before that option existed). */
    public EvaluationRequest(Path data, Path output, Path unet, Path classifier, Double threshold, boolean lcc,
            boolean tta, int minArea, String patients, Path predictions, boolean writeThreshold) {
        this(data, output, unet, classifier, threshold, lcc, tta, minArea, patients, predictions, writeThreshold,
                false);
    }

    /** @return the post-processing this request evaluates ({@code tta}, {@code lcc}, {@code minArea}) */
    public PostProcessingSettings postProcessing() {
        return new PostProcessingSettings(tta, lcc, minArea);
    }

    /**
     * Runs the evaluation; writes the best threshold and/or the evaluated post-processing into the UNet bundle
     * only when asked (one rewrite of model.json, after the evaluation succeeded).
     */
    public EvaluationResult run(ProgressListener progress, BooleanSupplier cancel) throws Exception {
        if (unet == null && classifier == null && predictions == null) {
            return withEmbeddedModels(progress).run(progress, cancel);
        }
        if (data == null) throw new IllegalArgumentException("No data folder given");
        if (!Files.isDirectory(data)) throw new IllegalArgumentException("Data folder not found: " + data);
        if (writeThreshold && unet == null) {
            throw new IllegalArgumentException("Writing the best threshold back needs a UNet bundle (--unet)");
        }
        if (writePostprocessing && unet == null) {
            throw new IllegalArgumentException("Writing the post-processing back needs a UNet bundle (--unet)");
        }
        PostProcessingSettings evaluated = postProcessing(); // checks minArea >= 0 before the long run
        boolean compare = conditions.stream().anyMatch(c -> !c.asIs());
        if (compare && predictions != null) {
            throw new IllegalArgumentException("Simulated input conditions need a model (--unet or --classifier),"
                    + " not predicted masks");
        }
        if (output == null) throw new IllegalArgumentException("No output folder given");
        // The output may not be (or be inside) the data, the predictions or a model, nor a folder of other files.
        OutputPaths.checkFolder(output, COMMAND, data, predictions, unet, classifier);
        LggDataset dataset = LggDataset.index(data);
        List<String> ids = parsePatients(patients);
        evaluation(dataset, ids, progress, cancel).setOutput(output).build(); // its checks, before any file
        boolean existed = java.nio.file.Files.exists(output);
        OutputPaths.claimFolder(output, COMMAND);
        try {
            return run(dataset, ids, evaluated, compare, progress, cancel);
        } catch (Exception e) {
            OutputPaths.unclaim(output, COMMAND, !existed); // a canceled or failed run leaves no marked empty folder
            throw e;
        }
    }

    private EvaluationResult run(LggDataset dataset, List<String> ids, PostProcessingSettings evaluated,
            boolean compare, ProgressListener progress, BooleanSupplier cancel) throws Exception {
        List<Map<String, Object>> robustness = new ArrayList<>();
        for (InputCondition c : conditions) {
            if (c.asIs()) continue;
            if (progress != null) progress.onMessage("evaluating with the input " + c.name());
            EvaluationResult r = evaluation(dataset, ids, progress, cancel).optCondition(c)
                    .setOutput(output.resolve(CONDITIONS).resolve(c.name())).build().run();
            robustness.add(Evaluation.robustnessRow(c, r.summary()));
        }
        Evaluation.Builder b = evaluation(dataset, ids, progress, cancel);
        if (compare) b.optRobustness(robustness);
        EvaluationResult result = b.setOutput(output).build().run();
        Object best = result.summary().get("best_threshold");
        Double newThreshold = writeThreshold && best instanceof Number n ? n.doubleValue() : null;
        PostProcessingSettings newPostprocessing = writePostprocessing ? evaluated : null;
        if (newThreshold != null || newPostprocessing != null) {
            BundleSettings.write(unet, newThreshold, newPostprocessing);
            if (progress != null) {
                progress.onMessage("wrote" + (newThreshold != null ? " threshold " + newThreshold : "")
                        + (newPostprocessing != null ? " post-processing " + newPostprocessing.name() : "")
                        + " into " + unet);
            }
        }
        return result;
    }

    /**
     * This request with the embedded default UNet and classifier (as every other command uses them when no model
     * is given), and, when no post-processing was asked for, the UNet's recorded post-processing.
     */
    private EvaluationRequest withEmbeddedModels(ProgressListener progress) throws Exception {
        if (writeThreshold || writePostprocessing) {
            throw new IllegalArgumentException("Writing a threshold or post-processing back needs a UNet bundle"
                    + " folder (--unet); the embedded default model cannot be changed");
        }
        Path u;
        Path c;
        PostProcessingSettings recorded;
        try (ModelBundle ub = ModelBundle.embeddedDefault(ModelKind.UNET);
                ModelBundle cb = ModelBundle.embeddedDefault(ModelKind.CLASSIFIER)) {
            u = ub.directory();
            c = cb.directory();
            recorded = ub.info().postProcessing();
        }
        boolean asked = tta || lcc || minArea > 0;
        PostProcessingSettings used = asked ? postProcessing() : recorded;
        if (progress != null) {
            progress.onMessage("evaluating the embedded default models (no --unet or --classifier given); UNet"
                    + " post-processing " + used.name() + (asked ? " as asked" : " (recorded in the model)"));
        }
        return new EvaluationRequest(data, output, u, c, threshold, used.lcc(), used.tta(), used.minArea(), patients,
                null, false, false, conditions);
    }

    private Evaluation.Builder evaluation(LggDataset dataset, List<String> ids, ProgressListener progress,
            BooleanSupplier cancel) {
        Evaluation.Builder b = predictions != null ? Evaluation.ofPredictions(dataset, predictions)
                : Evaluation.builder(dataset);
        if (unet != null) b.optUnet(unet);
        if (classifier != null) b.optClassifier(classifier);
        if (threshold != null) b.optThreshold(threshold);
        if (!ids.isEmpty()) b.optPatients(ids);
        return b.optLargestComponent(lcc).optTta(tta).optMinimumArea(minArea).optProgress(progress).optCancel(cancel);
    }

    /**
     * Patient ids from text: the name of an existing file (one id per line, first CSV column, a header line
     * "patient" skipped, '#' comments) or ids separated by commas or white space. Blank or null: none.
     */
    public static List<String> parsePatients(String text) throws IOException {
        List<String> ids = new ArrayList<>();
        if (text == null || text.isBlank()) return ids;
        Path file = Path.of(text.trim());
        if (!text.contains(",") && Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file)) {
                String id = line.split(",", 2)[0].trim();
                if (id.isEmpty() || id.startsWith("#") || id.equalsIgnoreCase("patient")) continue;
                ids.add(id);
            }
            if (ids.isEmpty()) throw new IllegalArgumentException("Patient list " + file + " names no patients");
            return ids;
        }
        for (String id : text.split("[,\\s]+")) if (!id.isBlank()) ids.add(id.trim());
        return ids;
    }
}
