package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.plugin.PlugIn;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.OverviewOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.data.DatasetOverview;
import io.github.braintumor.fiji.OverviewTable;
import io.github.braintumor.fiji.ResultTables;
import java.nio.file.Paths;

/** ImageJ 1 "Dataset Overview". Macro: {@code run("Dataset Overview", "data=[/path/kaggle_3m]");} */
public class DatasetOverviewPlugin implements PlugIn {
    static final String TITLE = "Dataset Overview";
    /** What the dialog offers: the SciJava twin's options. */
    static final OptionTable OPTIONS = OverviewOptions.TABLE;

    @Override
    public void run(String arg) {
        OptionValues v = Ij1.ask(TITLE, new OptionDialog(TITLE, OPTIONS));
        if (v == null) return;
        String data = v.get(CommonOptions.DATA);
        Ij1.guarded(TITLE, () -> {
            DatasetOverview o = OverviewTable.index(data.isBlank() ? null : Paths.get(data.trim()));
            IJ.log(o.describe());
            Ij1.show(OverviewTable.table(o), ResultTables.OVERVIEW);
            OverviewTable.plot(o).show();
        });
    }
}
