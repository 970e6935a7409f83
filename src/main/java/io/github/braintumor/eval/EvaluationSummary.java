package io.github.braintumor.eval;

import io.github.braintumor.data.ModalityPattern;
import io.github.braintumor.report.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The headline numbers of an evaluation, one component per key of {@code summary.json} (same names in camel case,
 * same order). Scores lie in [0, 1]; null means "does not apply" (no segmentation, no classifier, no tumour slice,
 * ...) and is written as JSON {@code null}. {@link #toMap()} gives the ordered map that {@code summary.json} is
 * written from; nothing else should need the keys.
 *
 * <pre>{@code
 * EvaluationSummary s = result.summary();
 * Double dice = s.dicePerPatientMean();                 // null without segmentation
 * Double iouOfTta = s.variants().get("tta").iouMicro(); // each post-processing variant
 * Json.write(dir.resolve("summary.json"), s.toMap());
 * }</pre>
 *
 * @param patients                        patients evaluated
 * @param slices                          slices evaluated
 * @param tumourSlices                    slices with tumour in the ground truth (as stored for the evaluated input
 *                                        condition when masks were evaluated)
 * @param threshold                       the UNet's probability threshold used; null without segmentation or for
 *                                        predicted masks
 * @param dicePerPatientMean              volume Dice per patient (all of a patient's slices pooled), mean over
 *                                        patients, of the selected variant; null without segmentation or patient
 * @param dicePerPatientMedian            the same, median over patients
 * @param iouTumourSlicesMean             IoU of each slice with tumour in the truth, mean; null without such slices
 * @param diceTumourSlicesMean            Dice of each slice with tumour in the truth, mean; null without such slices
 * @param iouAllSlicesMean                IoU of every slice (both empty counts 1), mean
 * @param iouMicro                        IoU of all pixels pooled
 * @param pixelAccuracy                   share of all pixels right
 * @param emptySlicesFalsePositiveRate    share of slices without tumour where tumour was predicted; null without
 *                                        such slices
 * @param volumeAbsRelativeErrorMean      |predicted - true| / true tumour volume, mean over patients with tumour;
 *                                        null without segmentation or such patients
 * @param classifierAccuracy              the slice classifier's share of slices right at
 *                                        {@code classifierThreshold}; null without a classifier
 * @param classifierAuc                   the classifier's ROC AUC; null without a classifier or without both classes
 * @param classifierPrecision             the classifier's precision; null without a classifier
 * @param classifierRecall                the classifier's recall (sensitivity); null without a classifier
 * @param classifierThreshold             the classifier's threshold used; null without a classifier
 * @param segAsClassifierAccuracy         the segmentation as a slice classifier (tumour = non-empty mask),
 *                                        accuracy; null without segmentation
 * @param seconds                         wall-clock seconds of reading, inference and scoring
 * @param slicesPerSecond                 slices / seconds; null when no time was measured
 * @param bestThreshold                   the swept threshold with the highest pooled Dice; null without a UNet
 *                                        (predicted masks have no probabilities)
 * @param bestThresholdDiceMicro          the pooled Dice at {@code bestThreshold}; null with it
 * @param model                           what the run says about its models ({@code unet}, {@code classifier},
 *                                        {@code predictions}; {@link EvaluationResult.Settings#models()}): kept as
 *                                        an ordered map because each description is taken from a bundle's
 *                                        {@code model.json} (name, path, kind, SHA-256, threshold, created) or is
 *                                        just a name for an in-memory model, and the report's model cards read it
 *                                        from the settings as it is
 * @param options                         the post-processing and input options of the run
 * @param robustness                      one row per evaluated input condition, this run's first; null (no
 *                                        {@code robustness} key at all) when conditions were not compared
 * @param variants                        the scores of each post-processing variant, by variant name in the order
 *                                        compared (the selected one last); empty without segmentation
 */
public record EvaluationSummary(
        int patients,
        int slices,
        long tumourSlices,
        Double threshold,
        Double dicePerPatientMean,
        Double dicePerPatientMedian,
        Double iouTumourSlicesMean,
        Double diceTumourSlicesMean,
        Double iouAllSlicesMean,
        Double iouMicro,
        Double pixelAccuracy,
        Double emptySlicesFalsePositiveRate,
        Double volumeAbsRelativeErrorMean,
        Double classifierAccuracy,
        Double classifierAuc,
        Double classifierPrecision,
        Double classifierRecall,
        Double classifierThreshold,
        Double segAsClassifierAccuracy,
        double seconds,
        Double slicesPerSecond,
        Double bestThreshold,
        Double bestThresholdDiceMicro,
        Map<String, Object> model,
        Options options,
        List<RobustnessRow> robustness,
        Map<String, Segmentation> variants) {

    public EvaluationSummary {
        model = model == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(model));
        robustness = robustness == null ? null : List.copyOf(robustness);
        variants = Collections.unmodifiableMap(new LinkedHashMap<>(variants));
    }

    /** This summary with the given robustness rows (null: none). */
    public EvaluationSummary withRobustness(List<RobustnessRow> rows) {
        return new EvaluationSummary(
                patients,
                slices,
                tumourSlices,
                threshold,
                dicePerPatientMean,
                dicePerPatientMedian,
                iouTumourSlicesMean,
                diceTumourSlicesMean,
                iouAllSlicesMean,
                iouMicro,
                pixelAccuracy,
                emptySlicesFalsePositiveRate,
                volumeAbsRelativeErrorMean,
                classifierAccuracy,
                classifierAuc,
                classifierPrecision,
                classifierRecall,
                classifierThreshold,
                segAsClassifierAccuracy,
                seconds,
                slicesPerSecond,
                bestThreshold,
                bestThresholdDiceMicro,
                model,
                options,
                rows,
                variants);
    }

    /**
     * The keys and values of {@code summary.json}, in its order: numbers as Integer (counts), Long
     * ({@code tumour_slices}) or Double, nested objects as ordered maps, the robustness rows as a list of maps (the
     * key absent without them).
     */
    public Map<String, Object> toMap() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("patients", patients);
        s.put("slices", slices);
        s.put("tumour_slices", tumourSlices);
        s.put("threshold", threshold);
        s.put("dice_per_patient_mean", dicePerPatientMean);
        s.put("dice_per_patient_median", dicePerPatientMedian);
        s.put("iou_tumour_slices_mean", iouTumourSlicesMean);
        s.put("dice_tumour_slices_mean", diceTumourSlicesMean);
        s.put("iou_all_slices_mean", iouAllSlicesMean);
        s.put("iou_micro", iouMicro);
        s.put("pixel_accuracy", pixelAccuracy);
        s.put("empty_slices_false_positive_rate", emptySlicesFalsePositiveRate);
        s.put("volume_abs_relative_error_mean", volumeAbsRelativeErrorMean);
        s.put("classifier_accuracy", classifierAccuracy);
        s.put("classifier_auc", classifierAuc);
        s.put("classifier_precision", classifierPrecision);
        s.put("classifier_recall", classifierRecall);
        s.put("classifier_threshold", classifierThreshold);
        s.put("seg_as_classifier_accuracy", segAsClassifierAccuracy);
        s.put("seconds", seconds);
        s.put("slices_per_second", slicesPerSecond);
        s.put("best_threshold", bestThreshold);
        s.put("best_threshold_dice_micro", bestThresholdDiceMicro);
        s.put("model", model);
        s.put("options", options.toMap());
        if (robustness != null) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RobustnessRow r : robustness) rows.add(r.toMap());
            s.put("robustness", rows);
        }
        Map<String, Object> byVariant = new LinkedHashMap<>();
        variants.forEach((name, scores) -> byVariant.put(name, scores.toMap()));
        s.put("variants", byVariant);
        return s;
    }

    /** The text of {@code summary.json}. @throws IllegalArgumentException for a NaN or infinite score */
    public String toJson() {
        return Json.toJson(toMap());
    }

    /**
     * The segmentation scores of one post-processing variant (an entry of {@code variants}; the selected one's are
     * also the summary's top-level keys). Null throughout when nothing was segmented; see {@link EvaluationSummary}
     * for what each score is.
     *
     * <pre>{@code
     * Segmentation raw = summary.variants().get("raw");
     * Integer falsePositives = raw.falsePositiveSlices();
     * }</pre>
     *
     * @param falsePositiveSlices slices without tumour in the truth where tumour was predicted (a count)
     */
    public record Segmentation(
            Double dicePerPatientMean,
            Double dicePerPatientMedian,
            Double iouTumourSlicesMean,
            Double diceTumourSlicesMean,
            Double iouAllSlicesMean,
            Double iouMicro,
            Double pixelAccuracy,
            Double emptySlicesFalsePositiveRate,
            Integer falsePositiveSlices) {

        /** No segmentation: every score null. */
        public static final Segmentation NONE = new Segmentation(null, null, null, null, null, null, null, null, null);

        /** The keys of {@link #toMap()}, in order (also the score columns of {@code postprocessing.csv}). */
        public static final List<String> KEYS = List.copyOf(NONE.toMap().keySet());

        /** The keys and values as {@code summary.json}'s {@code variants} entries hold them, in order. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dice_per_patient_mean", dicePerPatientMean);
            m.put("dice_per_patient_median", dicePerPatientMedian);
            m.put("iou_tumour_slices_mean", iouTumourSlicesMean);
            m.put("dice_tumour_slices_mean", diceTumourSlicesMean);
            m.put("iou_all_slices_mean", iouAllSlicesMean);
            m.put("iou_micro", iouMicro);
            m.put("pixel_accuracy", pixelAccuracy);
            m.put("empty_slices_false_positive_rate", emptySlicesFalsePositiveRate);
            m.put("false_positive_slices", falsePositiveSlices);
            return m;
        }
    }

    /**
     * The post-processing and input options of a run ({@code options} in {@code summary.json}).
     *
     * <pre>{@code
     * boolean lcc = summary.options().lcc();
     * String condition = summary.options().condition(); // "as-is" unless an input condition was simulated
     * }</pre>
     *
     * @param lcc       whether only the largest connected component was kept (the selected variant)
     * @param tta       whether test-time augmentation was used (the selected variant)
     * @param minArea   components smaller than this many pixels removed; 0: none
     * @param data      the data folder as an absolute path; null when none was recorded
     * @param condition the name of the evaluated input condition ({@link InputCondition#name()})
     */
    public record Options(boolean lcc, boolean tta, int minArea, String data, String condition) {

        /** The keys and values as {@code summary.json} holds them, in order. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lcc", lcc);
            m.put("tta", tta);
            m.put("min_area", minArea);
            m.put("data", data);
            m.put("condition", condition);
            return m;
        }
    }

    /**
     * The headline numbers of one evaluated input condition: an entry of {@code robustness} in
     * {@code summary.json} and a row of {@code modalities.csv} ({@link #of}).
     *
     * <pre>{@code
     * RobustnessRow row = EvaluationSummary.RobustnessRow.of(condition, other.summary());
     * Evaluation.builder(data).optRobustness(List.of(row));
     * }</pre>
     *
     * @param condition                    the condition's name
     * @param modalities                   {@code as-is} with every modality, else the simulated pattern's id
     * @param brightness                   the intensity factor applied (1: unchanged)
     * @param storage                      how the slices were stored ({@link InputCondition.Storage#id()})
     * @param patients                     patients evaluated
     * @param dicePerPatientMean           as in {@link EvaluationSummary}, under this condition
     * @param dicePerPatientMedian         as in {@link EvaluationSummary}, under this condition
     * @param iouTumourSlicesMean          as in {@link EvaluationSummary}, under this condition
     * @param emptySlicesFalsePositiveRate as in {@link EvaluationSummary}, under this condition
     * @param segAsClassifierAccuracy      as in {@link EvaluationSummary}, under this condition
     * @param classifierAccuracy           as in {@link EvaluationSummary}, under this condition
     */
    public record RobustnessRow(
            String condition,
            String modalities,
            double brightness,
            String storage,
            int patients,
            Double dicePerPatientMean,
            Double dicePerPatientMedian,
            Double iouTumourSlicesMean,
            Double emptySlicesFalsePositiveRate,
            Double segAsClassifierAccuracy,
            Double classifierAccuracy) {

        /** The row of {@code condition} from the summary of its evaluation. */
        public static RobustnessRow of(InputCondition condition, EvaluationSummary s) {
            return new RobustnessRow(
                    condition.name(),
                    condition.pattern() == ModalityPattern.COMPLETE
                            ? "as-is"
                            : condition.pattern().id(),
                    condition.brightness(),
                    condition.storage().id(),
                    s.patients(),
                    s.dicePerPatientMean(),
                    s.dicePerPatientMedian(),
                    s.iouTumourSlicesMean(),
                    s.emptySlicesFalsePositiveRate(),
                    s.segAsClassifierAccuracy(),
                    s.classifierAccuracy());
        }

        /** The keys and values as {@code summary.json} and {@code modalities.csv} hold them, in order. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("condition", condition);
            m.put("modalities", modalities);
            m.put("brightness", brightness);
            m.put("storage", storage);
            m.put("patients", patients);
            m.put("dice_per_patient_mean", dicePerPatientMean);
            m.put("dice_per_patient_median", dicePerPatientMedian);
            m.put("iou_tumour_slices_mean", iouTumourSlicesMean);
            m.put("empty_slices_false_positive_rate", emptySlicesFalsePositiveRate);
            m.put("seg_as_classifier_accuracy", segAsClassifierAccuracy);
            m.put("classifier_accuracy", classifierAccuracy);
            return m;
        }
    }
}
