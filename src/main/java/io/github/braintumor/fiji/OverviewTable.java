package io.github.braintumor.fiji;

import ij.gui.Plot;
import ij.measure.ResultsTable;
import io.github.braintumor.data.DatasetOverview;
import io.github.braintumor.data.LggDataset;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * "Dataset Overview": per-hospital table and a tumour / no-tumour bar plot of a data folder.
 *
 * <pre>{@code
 * DatasetOverview o = OverviewTable.index(Paths.get("kaggle_3m"));
 * OverviewTable.table(o).show(ResultTables.OVERVIEW);
 * OverviewTable.plot(o).show();
 * }</pre>
 */
public final class OverviewTable {
    private OverviewTable() {}

    public static DatasetOverview index(Path folder) throws Exception {
        if (folder == null || folder.toString().isBlank()) {
            throw new IllegalArgumentException(
                    "no data folder given (a kaggle_3m folder or a folder of patient folders)");
        }
        return DatasetOverview.withModalities(LggDataset.index(folder));
    }

    /** One row per hospital and a last row "all". */
    public static ResultsTable table(DatasetOverview o) {
        ResultsTable t = new ResultsTable();
        List<DatasetOverview.Group> groups = new ArrayList<>(o.perHospital().values());
        groups.add(o.overall());
        for (DatasetOverview.Group g : groups) {
            t.incrementCounter();
            t.addValue("hospital", g.name());
            t.addValue("patients", g.patients());
            t.addValue("slices", g.slices());
            t.addValue("tumour slices", g.tumourSlices());
            t.addValue("no-tumour slices", g.nonTumourSlices());
            t.addValue("tumour fraction", g.tumourFraction());
            t.addValue("mean tumour area (px)", g.meanTumourArea());
        }
        return t;
    }

    /** Grouped bars per hospital: tumour and no-tumour slice counts. */
    public static Plot plot(DatasetOverview o) {
        List<DatasetOverview.Group> groups = new ArrayList<>(o.perHospital().values());
        StringBuilder labels = new StringBuilder("{");
        double[] tumour = new double[groups.size()];
        double[] none = new double[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            if (i > 0) labels.append(',');
            labels.append(groups.get(i).name());
            tumour[i] = groups.get(i).tumourSlices();
            none[i] = groups.get(i).nonTumourSlices();
        }
        labels.append('}'); // an axis label in braces makes categories in ImageJ plots
        Plot plot = new Plot("Tumour slices per hospital", labels.toString(), "slices");
        plot.setColor(Color.BLACK, Color.RED);
        plot.add("separated bar", tumour);
        plot.setColor(Color.BLACK, Color.GRAY);
        plot.add("separated bar", none);
        plot.setColor(Color.BLACK);
        plot.addLegend("tumour\nno tumour");
        plot.setLimitsToFit(false);
        return plot;
    }
}
