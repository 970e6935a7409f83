package io.github.braintumor.fiji.command;

import ij.measure.ResultsTable;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.OverviewOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.data.DatasetOverview;
import io.github.braintumor.fiji.OverviewTable;
import io.github.braintumor.fiji.ResultTables;
import java.io.File;
import java.nio.file.Path;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Plugins > Brain Tumor > Dataset Overview. Macro: {@code run("Dataset Overview", "data=/path/kaggle_3m");} */
@Plugin(type = Command.class, menuPath = "Plugins>Brain Tumor>Dataset Overview")
public class DatasetOverviewCommand extends BrainTumorCommand {
    @Parameter(label = "Data folder (kaggle_3m or patient folders)", style = "directory")
    private File data;

    // declared outputs: a script or a headless run gets the table by name (the GUI also shows it, titled)
    @Parameter(type = ItemIO.OUTPUT, label = "Dataset Overview")
    private ResultsTable table;

    private DatasetOverview overview;

    @Override
    protected String label() {
        return "Dataset Overview";
    }

    @Override
    public OptionTable options() {
        return OverviewOptions.TABLE;
    }

    @Override
    protected void execute() throws Exception {
        String folder = values().get(CommonOptions.DATA);
        overview = OverviewTable.index(folder.isBlank() ? null : Path.of(folder));
        table = OverviewTable.table(overview);
        if (log != null) log.info(overview.describe());
        ResultTables.show(table, ResultTables.OVERVIEW);
        if (gui()) OverviewTable.plot(overview).show();
    }

    public ResultsTable table() {
        return table;
    }

    public DatasetOverview overview() {
        return overview;
    }
}
