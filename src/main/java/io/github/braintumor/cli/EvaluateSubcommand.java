package io.github.braintumor.cli;

import io.github.braintumor.app.EvaluateModels;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.EvaluateOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.eval.Evaluation;
import io.github.braintumor.eval.EvaluationReport;
import io.github.braintumor.eval.EvaluationRequest;
import io.github.braintumor.eval.EvaluationResult;
import io.github.braintumor.eval.EvaluationSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code brain-tumor evaluate DATA --out DIR ...}: the study's numbers per patient, hospital, slice position and
 * threshold, with pictures and report.html ({@link Evaluation}).
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
    public OptionTable options() {
        return EvaluateOptions.TABLE;
    }

    @Override
    public String usage() {
        return Args.usage(
                name(),
                options(),
                "No --unet, --classifier or --predictions: the embedded default models.\n"
                        + "Each post-processing option is measured with and without it (postprocessing.csv).");
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, EvaluateOptions.TABLE);
        a.existingPath(CommonOptions.DATA);
        Path outDir = a.path(CommonOptions.OUTPUT);
        EvaluationRequest request = EvaluateModels.request(a.values());
        TextProgressBar bar = new TextProgressBar(err);
        EvaluationResult r = request.run(bar, () -> false);
        bar.finish();
        EvaluationSummary s = r.summary();
        Map<String, Object> headline = new LinkedHashMap<>();
        headline.put("patients", s.patients());
        headline.put("slices", s.slices());
        headline.put("tumour_slices", s.tumourSlices());
        headline.put("threshold", s.threshold());
        headline.put("dice_per_patient_mean", s.dicePerPatientMean());
        headline.put("dice_tumour_slices_mean", s.diceTumourSlicesMean());
        headline.put("iou_micro", s.iouMicro());
        headline.put("pixel_accuracy", s.pixelAccuracy());
        headline.put("classifier_accuracy", s.classifierAccuracy());
        headline.put("classifier_auc", s.classifierAuc());
        headline.put("best_threshold", s.bestThreshold());
        headline.forEach((k, v) -> out.println(k + "\t" + (v == null ? "n/a" : v)));
        if (s.robustness() != null) {
            for (EvaluationSummary.RobustnessRow row : s.robustness()) {
                out.println("condition " + row.condition() + "\tdice_per_patient_mean " + row.dicePerPatientMean()
                        + "\tseg_as_classifier_accuracy " + row.segAsClassifierAccuracy() + "\tclassifier_accuracy "
                        + row.classifierAccuracy());
            }
        }
        out.println("wrote " + EvaluationReport.REPORT + " and tables to " + outDir.toAbsolutePath());
        return Main.OK;
    }
}
