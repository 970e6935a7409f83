package io.github.braintumor.eval;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.io.OutputPaths;
import io.github.braintumor.io.OutputTransaction;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.BundleSettings;
import io.github.braintumor.model.EmbeddedModels;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.model.PostProcessingSettings;
import io.github.braintumor.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The plain settings a user gives (command line, Fiji dialog, macro) turned into an {@link Evaluation}, so the
 * CLI and the Fiji command share one meaning of every option. Made by {@link #builder()}; every setter takes
 * null (or the default) as "not given", and the checks run in {@link #run}, before any file is written.
 *
 * <pre>{@code
 * EvaluationResult r = EvaluationRequest.builder().setData(Path.of("kaggle_3m")).setOutput(Path.of("eval-out"))
 *         .optUnet(Path.of("models/unet")).optLargestComponent(true).optMinimumArea(20)
 *         .optWritePostprocessing(true).build().run(ProgressListener.console(), () -> false);
 * }</pre>
 */
public final class EvaluationRequest {
    /** The name the output folder is marked with ({@link OutputPaths#MARKER}), CLI and Fiji alike. */
    public static final String COMMAND = "evaluate";

    /** Sub-folder of the output holding one evaluation per simulated input condition. */
    public static final String CONDITIONS = "conditions";

    private final Path data;
    private final Path output;
    private final Path unet;
    private final Path classifier;
    private final Double threshold;
    private final boolean lcc;
    private final String lccBy;
    private final boolean tta;
    private final int minArea;
    private final String patients;
    private final Path predictions;
    private final boolean writeThreshold;
    private final boolean writePostprocessing;
    private final boolean overwrite;
    private final List<InputCondition> conditions;

    private EvaluationRequest(Builder b) {
        data = b.data;
        output = b.output;
        unet = b.unet;
        classifier = b.classifier;
        threshold = b.threshold;
        lcc = b.lcc;
        lccBy = b.lccBy;
        tta = b.tta;
        minArea = b.minArea;
        patients = b.patients;
        predictions = b.predictions;
        writeThreshold = b.writeThreshold;
        writePostprocessing = b.writePostprocessing;
        overwrite = b.overwrite;
        conditions = b.conditions == null ? List.of() : List.copyOf(b.conditions);
    }

    /** @return a builder with nothing set: no model, the bundle's threshold, no post-processing, all patients */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this request's settings */
    public Builder toBuilder() {
        return builder()
                .setData(data)
                .setOutput(output)
                .optUnet(unet)
                .optClassifier(classifier)
                .optThreshold(threshold)
                .optLargestComponent(lcc)
                .optLccBy(lccBy)
                .optTta(tta)
                .optMinimumArea(minArea)
                .optPatients(patients)
                .optPredictions(predictions)
                .optWriteThreshold(writeThreshold)
                .optWritePostprocessing(writePostprocessing)
                .optConditions(conditions)
                .optOverwrite(overwrite);
    }

    /** @return data folder (kaggle_3m, its parent, or a folder of patient folders) */
    public Path data() {
        return data;
    }

    /** @return output folder */
    public Path output() {
        return output;
    }

    /** @return UNet bundle folder, or null */
    public Path unet() {
        return unet;
    }

    /** @return classifier bundle folder, or null */
    public Path classifier() {
        return classifier;
    }

    /** @return UNet threshold, or null for the bundle's */
    public Double threshold() {
        return threshold;
    }

    /** @return which components lcc keeps ({@code PostProcessingSettings.lccBy}; null = the largest by size) */
    public String lccBy() {
        return lccBy;
    }

    /** @return whether the largest 3-D component per patient is kept */
    public boolean lcc() {
        return lcc;
    }

    /** @return whether test-time augmentation (mirrored input) is used */
    public boolean tta() {
        return tta;
    }

    /** @return minimum predicted area per slice in pixels, 0 = off */
    public int minArea() {
        return minArea;
    }

    /** @return patient ids text ({@link #parsePatients}), or null/blank for all */
    public String patients() {
        return patients;
    }

    /** @return folder of masks from {@code brain-tumor segment} evaluated instead of a UNet, or null */
    public Path predictions() {
        return predictions;
    }

    /**
     * @return where the masks come from: the UNet bundle or the predictions folder; null when neither is given (a
     *     classifier alone, or the embedded models until {@link #withDefaultModels})
     * @throws IllegalArgumentException when both were given
     */
    public MaskSource masks() {
        if (unet != null && predictions != null) {
            throw new IllegalArgumentException(
                    "Give one source of masks: a UNet bundle (--unet) or predicted masks (--predictions), not both");
        }
        if (unet != null) return new MaskSource.UnetBundle(unet);
        return predictions != null ? new MaskSource.Predictions(predictions) : null;
    }

    /** @return whether the best threshold found is stored into the UNet bundle's model.json */
    public boolean writeThreshold() {
        return writeThreshold;
    }

    /** @return whether the post-processing evaluated is stored into the UNet bundle's model.json */
    public boolean writePostprocessing() {
        return writePostprocessing;
    }

    /** @return input conditions to compare; empty = the input as given only */
    public List<InputCondition> conditions() {
        return conditions;
    }

    /** @return the post-processing this request evaluates ({@code tta}, {@code lcc}, {@code minArea}) */
    public PostProcessingSettings postProcessing() {
        return new PostProcessingSettings(tta, lcc, minArea, lccBy);
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
            throw new IllegalArgumentException(
                    "Simulated input conditions need a model (--unet or --classifier)," + " not predicted masks");
        }
        if (output == null) throw new IllegalArgumentException("No output folder given");
        // The output may not be (or be inside) the data, the predictions or a model, nor a folder of other files.
        OutputPaths.checkFolder(output, COMMAND, overwrite, data, predictions, unet, classifier);
        LggDataset dataset = LggDataset.index(data);
        List<String> ids = parsePatients(patients);
        evaluation(dataset, ids, progress, cancel).setOutput(output).build(); // its checks, before any file
        if (writeThreshold || writePostprocessing) BundleSettings.checkWritable(unet); // not after the whole run
        // everything goes to a staging folder, moved in only when complete: a failed, canceled or killed run
        // leaves an earlier output exactly as it was, and a second run on the same folder is refused
        try (OutputTransaction tx = OutputTransaction.builder()
                .setFolder(output)
                .setCommand(COMMAND)
                .optOverwrite(overwrite)
                .optInputs(data, predictions, unet, classifier)
                .optMayWrite(EvaluationRequest::mayWrite)
                .begin()) {
            EvaluationResult result = run(dataset, ids, evaluated, compare, tx.staging(), progress, cancel);
            tx.commit();
            writeBack(result, progress);
            return result.movedTo(tx.folder());
        }
    }

    /** The names an evaluation writes: its tables, charts, report and summary, and the conditions' folders. */
    private static boolean mayWrite(String relativePath) {
        String name = relativePath.toLowerCase(Locale.ROOT);
        return name.startsWith(CONDITIONS + "/")
                || name.endsWith(".csv")
                || name.endsWith(".png")
                || name.endsWith(".html")
                || name.endsWith(".json");
    }

    private EvaluationResult run(
            LggDataset dataset,
            List<String> ids,
            PostProcessingSettings evaluated,
            boolean compare,
            Path output,
            ProgressListener progress,
            BooleanSupplier cancel)
            throws Exception {
        List<EvaluationSummary.RobustnessRow> robustness = new ArrayList<>();
        for (InputCondition c : conditions) {
            if (c.asIs()) continue;
            if (progress != null) progress.onMessage("evaluating with the input " + c.name());
            EvaluationResult r = evaluation(dataset, ids, progress, cancel)
                    .optCondition(c)
                    .setOutput(output.resolve(CONDITIONS).resolve(c.name()))
                    .build()
                    .run();
            robustness.add(EvaluationSummary.RobustnessRow.of(c, r.summary()));
        }
        Evaluation.Builder b = evaluation(dataset, ids, progress, cancel);
        if (compare) b.optRobustness(robustness);
        return b.setOutput(output).build().run();
    }

    /**
     * Writes the best threshold and/or the evaluated post-processing into the UNet bundle, when this request asks
     * for it; call it once the evaluation's output is complete (the Spark module does, after its own run).
     */
    public void writeBack(EvaluationResult result, ProgressListener progress) throws BundleException {
        PostProcessingSettings evaluated = postProcessing();
        Double newThreshold = writeThreshold ? result.summary().bestThreshold() : null;
        PostProcessingSettings newPostprocessing = writePostprocessing ? evaluated : null;
        if (newThreshold != null || newPostprocessing != null) {
            BundleSettings.write(unet, newThreshold, newPostprocessing);
            if (progress != null) {
                progress.onMessage("wrote" + (newThreshold != null ? " threshold " + newThreshold : "")
                        + (newPostprocessing != null ? " post-processing " + newPostprocessing.name() : "")
                        + " into " + unet);
            }
        }
    }

    /**
     * This request as {@link #run} evaluates it: unchanged when a model or predictions are given, else with the
     * embedded default UNet and classifier (extracted to their cache folder) and, when no post-processing was
     * asked for, the UNet's recorded post-processing. For callers that run the evaluation their own way (the
     * Spark module) and must choose the same models.
     */
    public EvaluationRequest withDefaultModels(ProgressListener progress) throws Exception {
        if (unet != null || classifier != null || predictions != null) return this;
        return withEmbeddedModels(progress);
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
        try (ModelBundle ub = EmbeddedModels.load(ModelKind.UNET);
                ModelBundle cb = EmbeddedModels.load(ModelKind.CLASSIFIER)) {
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
        return toBuilder()
                .optUnet(u)
                .optClassifier(c)
                .optLargestComponent(used.lcc())
                .optLccBy(used.lccBy())
                .optTta(used.tta())
                .optMinimumArea(used.minArea())
                .build();
    }

    private Evaluation.Builder evaluation(
            LggDataset dataset, List<String> ids, ProgressListener progress, BooleanSupplier cancel) {
        Evaluation.Builder b = Evaluation.builder(dataset).optMasks(masks());
        if (classifier != null) b.optClassifier(classifier);
        if (threshold != null) b.optThreshold(threshold);
        if (!ids.isEmpty()) b.optPatients(ids);
        return b.optLargestComponent(lcc)
                .optLccBy(lccBy)
                .optTta(tta)
                .optMinimumArea(minArea)
                .optProgress(progress)
                .optCancel(cancel);
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

    /** Builds an {@link EvaluationRequest}; {@link #build()} checks nothing, {@link EvaluationRequest#run} does. */
    public static final class Builder {
        private Path data;
        private Path output;
        private Path unet;
        private Path classifier;
        private Double threshold;
        private boolean lcc;
        private String lccBy;
        private boolean tta;
        private int minArea;
        private String patients;
        private Path predictions;
        private boolean writeThreshold;
        private boolean writePostprocessing;
        private boolean overwrite;
        private List<InputCondition> conditions = List.of();

        private Builder() {}

        /** @param data data folder (kaggle_3m, its parent, or a folder of patient folders); required */
        public Builder setData(Path data) {
            this.data = data;
            return this;
        }

        /** @param output output folder; required */
        public Builder setOutput(Path output) {
            this.output = output;
            return this;
        }

        /** @param unet UNet bundle folder, or null */
        public Builder optUnet(Path unet) {
            this.unet = unet;
            return this;
        }

        /** @param classifier classifier bundle folder, or null */
        public Builder optClassifier(Path classifier) {
            this.classifier = classifier;
            return this;
        }

        /** @param threshold UNet threshold, or null for the bundle's */
        public Builder optThreshold(Double threshold) {
            this.threshold = threshold;
            return this;
        }

        /** @param rule which components lcc keeps ({@code PostProcessingSettings.lccBy}; null = the largest) */
        public Builder optLccBy(String rule) {
            this.lccBy = rule;
            return this;
        }

        /** @param lcc keep the largest 3-D component per patient */
        public Builder optLargestComponent(boolean lcc) {
            this.lcc = lcc;
            return this;
        }

        /** @param tta test-time augmentation (mirrored input) */
        public Builder optTta(boolean tta) {
            this.tta = tta;
            return this;
        }

        /** @param minArea minimum predicted area per slice in pixels, 0 = off */
        public Builder optMinimumArea(int minArea) {
            this.minArea = minArea;
            return this;
        }

        /**
         * @param patients patient ids separated by commas/spaces, or a file with one per line (first CSV column);
         *                 null or blank = all
         */
        public Builder optPatients(String patients) {
            this.patients = patients;
            return this;
        }

        /** @param predictions folder of masks from {@code brain-tumor segment} instead of a UNet, or null */
        public Builder optPredictions(Path predictions) {
            this.predictions = predictions;
            return this;
        }

        /** @param writeThreshold store the best threshold found into the UNet bundle's model.json */
        public Builder optWriteThreshold(boolean writeThreshold) {
            this.writeThreshold = writeThreshold;
            return this;
        }

        /**
         * @param overwrite replace what an earlier evaluation recorded in the output folder (without it, such a
         *     folder is refused before any work, so two runs never mix)
         */
        public Builder optOverwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /**
         * @param writePostprocessing store the post-processing evaluated ({@code tta}, {@code lcc},
         *                            {@code minArea} as given) into the UNet bundle's model.json, so segmenting
         *                            applies it by default
         */
        public Builder optWritePostprocessing(boolean writePostprocessing) {
            this.writePostprocessing = writePostprocessing;
            return this;
        }

        /**
         * @param conditions input conditions to compare on the same patients ({@link InputCondition#parse}); each
         *                   other than as-is is evaluated into {@code conditions/<name>/} and the main evaluation
         *                   (as given) gets {@code modalities.csv}, {@code modalities.png} and a
         *                   {@code robustness} section; null or empty = the input as given only
         */
        public Builder optConditions(List<InputCondition> conditions) {
            this.conditions = conditions;
            return this;
        }

        /** @return the request (its settings are checked when it runs) */
        public EvaluationRequest build() {
            return new EvaluationRequest(this);
        }
    }
}
