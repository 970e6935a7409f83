package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.braintumor.data.DatasetOverview;
import io.github.braintumor.fiji.OverviewTable;
import io.github.braintumor.fiji.ResultTables;
import java.nio.file.Paths;

/** ImageJ 1 "Dataset Overview". Macro: {@code run("Dataset Overview", "data=[/path/kaggle_3m]");} */
public class DatasetOverviewPlugin implements PlugIn {
    static final String TITLE = "Dataset Overview";

    @Override
    public void run(String arg) {
        GenericDialog gd = new GenericDialog(TITLE);
        gd.addStringField("data folder (kaggle_3m or patient folders)", "", 40);
        gd.showDialog();
        if (gd.wasCanceled()) return;
        String data = gd.getNextString();
        Ij1.guarded(TITLE, () -> {
            DatasetOverview o = OverviewTable.index(data.isBlank() ? null : Paths.get(data.trim()));
            IJ.log(o.describe());
            Ij1.show(OverviewTable.table(o), ResultTables.OVERVIEW);
            OverviewTable.plot(o).show();
        });
    }
}
