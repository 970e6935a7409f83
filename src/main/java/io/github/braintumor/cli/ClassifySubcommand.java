package io.github.braintumor.cli;

import io.github.braintumor.app.StackClassification;
import io.github.braintumor.app.StackSegmentation;
import io.github.braintumor.io.OutputPaths;
import io.github.braintumor.report.CsvTable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

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
    public String usage() {
        return "classify INPUT [--csv FILE [--overwrite]] [--method auto|unet|cnn] [--model BUNDLE] [--threshold T] [--batch N]\n"
                + "        [--no-resample]\n"
                + "  INPUT        a .tif (slice or stack), a patient folder, or a data folder of patient folders\n"
                + "  --csv        also write the table (patient, slice, label, probability, modalities, resampled)\n"
                + "  --overwrite  replace an existing --csv file (without it that is refused)\n"
                + "               to FILE\n"
                + "  --method     unet: tumour when the UNet finds tumour pixels in the slice; cnn: the study's slice\n"
                + "               classifier; auto (default): the kind of --model, and without --model the method\n"
                + "               that was better on the validation patients ("
                + StackClassification.Method.DEFAULT.id() + ")\n"
                + "  --model      bundle folder of the method's kind (default: the embedded model)\n"
                + "  --threshold  tumour from this probability (cnn: per slice, unet: per pixel; default: the model's)\n"
                + "  --batch      slices per forward pass (default " + StackSegmentation.DEFAULT_BATCH_SIZE + ")\n"
                + SegmentSubcommand.RESAMPLE_HELP;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(
                argv, Set.of("csv", "model", "threshold", "batch", "method"), Set.of("no-resample", "overwrite"));
        StackClassification.Method method;
        try {
            method = StackClassification.Method.fromId(a.get("method", StackClassification.Method.AUTO.id()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage());
        }
        a.expectPositional(1);
        Path input = a.existingPath(0, "INPUT");
        double threshold = a.getDouble("threshold", Double.NaN);
        SegmentSubcommand.checkThreshold(threshold);
        int batch = a.getInt("batch", StackSegmentation.DEFAULT_BATCH_SIZE);
        if (a.path("csv") != null) OutputPaths.checkFile(a.path("csv"), a.has("overwrite"), input);
        CsvTable.Builder csv =
                CsvTable.builder().setColumns("patient", "slice", "label", "probability", "modalities", "resampled");
        TextProgressBar bar = new TextProgressBar(err);
        List<Inputs.Volume> volumes = Inputs.of(input); // input headers first: they cost no model load
        Inputs.checkModel(a.path("model"));
        out.println("patient\tslice\tlabel\tprobability\tmodalities");
        for (Inputs.Volume v : volumes) {
            Inputs.Read read = v.readCalibrated(note -> err.println(v.name() + ": " + note));
            List<StackClassification.Row> rows = StackClassification.runFrames(
                            List.of(read.slices()),
                            method,
                            a.get("model", ""),
                            threshold,
                            batch,
                            read.resampling(!a.has("no-resample")),
                            bar,
                            () -> false)
                    .get(0);
            bar.finish();
            for (int i = 0; i < rows.size(); i++) {
                StackClassification.Row r = rows.get(i);
                out.printf(
                        java.util.Locale.ROOT,
                        "%s\t%s\t%s\t%.4f\t%s%n",
                        v.name(),
                        v.sliceIds().get(i),
                        r.label(),
                        r.probability(),
                        r.modalities());
                csv.addRow(v.name(), v.sliceIds().get(i), r.label(), r.probability(), r.modalities(), r.resampled());
            }
        }
        err.println("engine: " + io.github.braintumor.engine.DjlEngine.describe() + ", batch " + batch);
        Path csvFile = a.path("csv");
        if (csvFile != null) {
            csv.build().write(csvFile);
            out.println("wrote " + csvFile.toAbsolutePath());
        }
        return Main.OK;
    }
}
