package io.github.braintumor.cli;

import io.github.braintumor.data.SliceImage;
import io.github.braintumor.fiji.StackClassification;
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
        return "classify INPUT [--csv FILE] [--model BUNDLE] [--threshold T] [--batch N]\n"
                + "  INPUT        a .tif (slice or stack), a patient folder, or a data folder of patient folders\n"
                + "  --csv        also write the table (patient, slice, label, probability) to FILE\n"
                + "  --model      classifier bundle folder (default: the embedded model)\n"
                + "  --threshold  tumour from this probability (default: the model's)\n"
                + "  --batch      slices per forward pass (default 8)";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, Set.of("csv", "model", "threshold", "batch"), Set.of());
        a.expectPositional(1);
        Path input = a.existingPath(0, "INPUT");
        double threshold = a.getDouble("threshold", Double.NaN);
        SegmentSubcommand.checkThreshold(threshold);
        int batch = a.getInt("batch", 8);
        CsvTable.Builder csv = CsvTable.builder().setColumns("patient", "slice", "label", "probability");
        TextProgressBar bar = new TextProgressBar(err);
        out.println("patient\tslice\tlabel\tprobability");
        for (Inputs.Volume v : Inputs.of(input)) {
            List<SliceImage> slices = v.read();
            List<StackClassification.Row> rows = StackClassification.run(slices, a.get("model", ""), threshold, batch,
                    bar, () -> false);
            bar.finish();
            for (int i = 0; i < rows.size(); i++) {
                StackClassification.Row r = rows.get(i);
                out.printf("%s\t%s\t%s\t%.4f%n", v.name(), v.sliceIds().get(i), r.label(), r.probability());
                csv.addRow(v.name(), v.sliceIds().get(i), r.label(), r.probability());
            }
        }
        Path csvFile = a.path("csv");
        if (csvFile != null) {
            csv.build().write(csvFile);
            out.println("wrote " + csvFile.toAbsolutePath());
        }
        return Main.OK;
    }
}
