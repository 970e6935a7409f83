package io.github.braintumor.cli;

import io.github.braintumor.app.EvaluateModels;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.EvaluateOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.eval.EvaluationReport;
import io.github.braintumor.eval.EvaluationRequest;
import io.github.braintumor.eval.EvaluationResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
        Path outDir = a.requiredPath(CommonOptions.OUTPUT);
        EvaluationRequest request = EvaluateModels.request(a.values());
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
