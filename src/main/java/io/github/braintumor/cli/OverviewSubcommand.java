package io.github.braintumor.cli;

import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.OverviewOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.data.DatasetOverview;
import io.github.braintumor.io.OutputPaths;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code brain-tumor overview DATA}: patients, slices, tumour slices per hospital. */
final class OverviewSubcommand implements Subcommand {
    @Override
    public String name() {
        return "overview";
    }

    @Override
    public String summary() {
        return "patients, slices and tumour slices per hospital of a data folder";
    }

    @Override
    public OptionTable options() {
        return OverviewOptions.TABLE;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, OverviewOptions.TABLE);
        Path data = a.existingPath(CommonOptions.DATA);
        Path csv = a.path(OverviewOptions.CSV);
        Path patientsCsv = a.path(OverviewOptions.PATIENTS_CSV);
        for (Path file : new Path[] {csv, patientsCsv}) {
            if (file != null) OutputPaths.checkFile(file, a.get(CommonOptions.OVERWRITE), data);
        }
        OutputPaths.checkDistinct(csv, "--csv", patientsCsv, "--patients-csv");
        DatasetOverview overview = DatasetOverview.withModalities(Inputs.dataset(data));
        out.print(overview.describe());
        if (csv != null) {
            overview.writePerHospitalCsv(csv);
            out.println("wrote " + csv.toAbsolutePath());
        }
        if (patientsCsv != null) {
            overview.writePerPatientCsv(patientsCsv);
            out.println("wrote " + patientsCsv.toAbsolutePath());
        }
        return Main.OK;
    }
}
