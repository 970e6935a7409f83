package io.github.braintumor.cli;

import io.github.braintumor.app.ModelChoice;
import io.github.braintumor.app.StackClassification;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.InferenceCommandOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.io.OutputPaths;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.report.CsvTable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code brain-tumor classify INPUT}: tumour / no tumour per slice, as a table on stdout and optionally CSV. */
final class ClassifySubcommand implements Subcommand {
    @Override
    public String name() {
        return "classify";
    }

    @Override
    public String summary() {
        return "tumour / no tumour per slice (TIFF, patient folder or data folder)";
    }

    @Override
    public OptionTable options() {
        return InferenceCommandOptions.CLASSIFY;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, InferenceCommandOptions.CLASSIFY);
        StackClassification.Method method = StackClassification.Method.fromId(a.get(InferenceCommandOptions.METHOD));
        Path input = a.existingPath(InferenceCommandOptions.INPUT);
        double threshold = CommonOptions.threshold(a.get(CommonOptions.THRESHOLD));
        int batch = CommonOptions.batchSize(a.get(CommonOptions.BATCH_SIZE));
        Path csvFile = a.path(InferenceCommandOptions.CSV);
        if (csvFile != null) OutputPaths.checkFile(csvFile, a.get(CommonOptions.OVERWRITE), input);
        CsvTable.Builder csv =
                CsvTable.builder().setColumns("patient", "slice", "label", "probability", "modalities", "resampled");
        TextProgressBar bar = new TextProgressBar(err);
        List<Inputs.Volume> volumes = Inputs.of(input); // input headers first: they cost no model load
        String model = a.get(CommonOptions.MODEL);
        StackClassification.Method resolved = method.resolve(model);
        // one load for every volume; a model that cannot be loaded is refused before any output
        try (ModelBundle bundle = ModelChoice.load(model, resolved.kind())) {
            out.println("patient\tslice\tlabel\tprobability\tmodalities");
            for (Inputs.Volume v : volumes) {
                Inputs.Read read = v.readCalibrated(note -> err.println(v.name() + ": " + note));
                List<StackClassification.Row> rows = StackClassification.runFrames(
                                List.of(read.slices()),
                                resolved,
                                bundle,
                                threshold,
                                batch,
                                read.resampling(a.get(CommonOptions.RESAMPLE)),
                                bar,
                                () -> false)
                        .get(0);
                bar.finish();
                for (int i = 0; i < rows.size(); i++) {
                    StackClassification.Row r = rows.get(i);
                    out.printf(
                            Locale.ROOT,
                            "%s\t%s\t%s\t%.4f\t%s%n",
                            v.name(),
                            v.sliceIds().get(i),
                            r.label(),
                            r.probability(),
                            r.modalities());
                    csv.addRow(
                            v.name(), v.sliceIds().get(i), r.label(), r.probability(), r.modalities(), r.resampled());
                }
            }
        }
        err.println("engine: " + DjlEngine.describe() + ", batch " + batch);
        if (csvFile != null) {
            csv.build().write(csvFile);
            out.println("wrote " + csvFile.toAbsolutePath());
        }
        return Main.OK;
    }
}
