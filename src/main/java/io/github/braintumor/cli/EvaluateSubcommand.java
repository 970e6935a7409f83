package io.github.braintumor.cli;

import io.github.braintumor.eval.EvaluationReport;
import io.github.braintumor.eval.EvaluationRequest;
import io.github.braintumor.eval.EvaluationResult;
import io.github.braintumor.eval.InputCondition;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code brain-tumor evaluate DATA --out DIR ...}: the study's numbers per patient, hospital, slice position and
 * threshold, with pictures and report.html ({@link io.github.braintumor.eval.Evaluation}).
 */
final class EvaluateSubcommand implements Subcommand {
    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String summary() {
        return "evaluate models or predicted masks on a data folder: summary.json, CSV tables, charts, report.html";
    }

    @Override
    public String usage() {
        return "evaluate DATA --out DIR [--unet BUNDLE] [--classifier BUNDLE] [--threshold T] [--lcc] [--tta]\n"
                + "         [--min-area N] [--patients LIST] [--predictions DIR] [--write-threshold]\n"
                + "         [--write-postprocessing] [--modalities as-is,flair-only,no-post,no-pre]\n"
                + "         [--brightness 0.4,1.6] [--storage 8bit,16bit-linear,16bit-gamma,512,half-rows] [--overwrite]\n"
                + "  DATA           data folder with ground truth masks (kaggle_3m or patient folders)\n"
                + "  --out          output folder: summary.json, per_*.csv, thresholds.csv, postprocessing.csv,\n"
                + "                 PNG charts and overlays, report.html\n"
                + "  --unet         UNet bundle to evaluate (no --unet, --classifier or --predictions: the embedded\n"
                + "                 default models, with the UNet's recorded post-processing unless one is given)\n"
                + "  --classifier   slice classifier bundle to evaluate\n"
                + "  --threshold    UNet probability threshold 0..1 (default: the bundle's)\n"
                + "  --lcc          keep only the largest 3-D tumour region per patient\n"
                + "  --tta          test-time augmentation: average with the left-right mirrored slices\n"
                + "  --min-area     empty predicted slices with fewer tumour pixels than N\n"
                + "  --patients     only these patients: ids separated by commas, or a file with one per line\n"
                + "  --predictions  evaluate masks written by 'segment' (<patient>/<slice>_pred.tif), no UNet\n"
                + "  --write-threshold  store the best threshold found into the UNet bundle's model.json\n"
                + "  --write-postprocessing  store the post-processing given here (--tta, --lcc, --min-area; none\n"
                + "                 given = none) into the UNet bundle's model.json: 'segment' applies it by default\n"
                + "  --modalities   also evaluate the same patients with a missing modality simulated (the missing\n"
                + "                 channel holds FLAIR, as the data set stores it): modalities.csv, modalities.png,\n"
                + "                 a robustness section in summary.json, each condition in conditions/<name>/\n"
                + "  --brightness   the same with every intensity scaled by each factor (darker/brighter scanners)\n"
                + "  --storage      the same patients stored another way and read as a user's scan is: 8bit (as\n"
                + "                 given), 16bit-linear (each channel x gain + offset), 16bit-gamma (gamma 0.8),\n"
                + "                 512 (upsampled twice, bilinear; truth masks nearest), half-rows (pixels twice\n"
                + "                 as tall: row pairs averaged, 256x128)\n"
                + "  --overwrite    replace what an earlier 'evaluate' wrote into --out (without it such a folder is\n"
                + "                 refused before any work, so two evaluations never mix)\n"
                + "Each post-processing option is measured with and without it (postprocessing.csv).";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(
                argv,
                Set.of(
                        "out",
                        "unet",
                        "classifier",
                        "threshold",
                        "min-area",
                        "patients",
                        "predictions",
                        "modalities",
                        "brightness",
                        "storage"),
                Set.of("lcc", "tta", "write-threshold", "write-postprocessing", "overwrite"));
        a.expectPositional(1);
        Path data = a.existingPath(0, "DATA");
        Path outDir = a.path("out");
        if (outDir == null) throw new UsageException("--out DIR is required");
        double t = a.getDouble("threshold", Double.NaN);
        SegmentSubcommand.checkThreshold(t);
        int minArea = a.getInt("min-area", 0);
        if (minArea < 0) throw new UsageException("--min-area must be >= 0, got " + minArea);
        List<InputCondition> conditions;
        try {
            conditions = InputCondition.parse(a.get("modalities", ""), a.get("brightness", ""), a.get("storage", ""));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage());
        }
        EvaluationRequest request = EvaluationRequest.builder()
                .setData(data)
                .setOutput(outDir)
                .optUnet(a.path("unet"))
                .optClassifier(a.path("classifier"))
                .optThreshold(Double.isNaN(t) ? null : t)
                .optLargestComponent(a.has("lcc"))
                .optTta(a.has("tta"))
                .optMinimumArea(minArea)
                .optPatients(a.get("patients", null))
                .optPredictions(a.path("predictions"))
                .optWriteThreshold(a.has("write-threshold"))
                .optWritePostprocessing(a.has("write-postprocessing"))
                .optConditions(conditions)
                .optOverwrite(a.has("overwrite"))
                .build();
        TextProgressBar bar = new TextProgressBar(err);
        EvaluationResult r = request.run(bar, () -> false);
        bar.finish();
        Map<String, Object> s = r.summary();
        for (String k : List.of(
                "patients",
                "slices",
                "tumour_slices",
                "threshold",
                "dice_per_patient_mean",
                "dice_tumour_slices_mean",
                "iou_micro",
                "pixel_accuracy",
                "classifier_accuracy",
                "classifier_auc",
                "best_threshold")) {
            out.println(k + "\t" + (s.get(k) == null ? "n/a" : s.get(k)));
        }
        if (s.get("robustness") instanceof List<?> rows) {
            for (Object o : rows) {
                Map<?, ?> row = (Map<?, ?>) o;
                out.println("condition " + row.get("condition") + "\tdice_per_patient_mean "
                        + row.get("dice_per_patient_mean") + "\tseg_as_classifier_accuracy "
                        + row.get("seg_as_classifier_accuracy") + "\tclassifier_accuracy "
                        + row.get("classifier_accuracy"));
            }
        }
        out.println("wrote " + EvaluationReport.REPORT + " and tables to " + outDir.toAbsolutePath());
        return Main.OK;
    }
}
