package io.github.braintumor.cli;

import io.github.braintumor.data.DatasetOverview;
import io.github.braintumor.io.OutputPaths;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

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
    public String usage() {
        return "overview DATA [--csv FILE] [--patients-csv FILE] [--overwrite]\n"
                + "  DATA   kaggle_3m folder, its parent, or a folder of patient folders\n"
                + "  --csv  also write one row per hospital (and 'all') to FILE\n"
                + "  --patients-csv  also write one row per patient (slices, tumour slices, modality pattern)\n"
                + "  --overwrite  replace existing --csv / --patients-csv files (without it that is refused)";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, Set.of("csv", "patients-csv"), Set.of("overwrite"));
        a.expectPositional(1);
        Path data = a.existingPath(0, "DATA");
        for (String key : List.of("csv", "patients-csv")) {
            if (a.path(key) != null) OutputPaths.checkFile(a.path(key), a.has("overwrite"), data);
        }
        OutputPaths.checkDistinct(a.path("csv"), "--csv", a.path("patients-csv"), "--patients-csv");
        DatasetOverview overview = DatasetOverview.withModalities(Inputs.dataset(data));
        out.print(overview.describe());
        Path csv = a.path("csv");
        if (csv != null) {
            overview.writePerHospitalCsv(csv);
            out.println("wrote " + csv.toAbsolutePath());
        }
        Path patientsCsv = a.path("patients-csv");
        if (patientsCsv != null) {
            overview.writePerPatientCsv(patientsCsv);
            out.println("wrote " + patientsCsv.toAbsolutePath());
        }
        return Main.OK;
    }
}
