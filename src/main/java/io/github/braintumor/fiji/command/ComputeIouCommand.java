package io.github.braintumor.fiji.command;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.braintumor.fiji.ComputeIou;
import io.github.braintumor.fiji.ResultTables;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins > Brain Tumor > Compute IoU. Macro: {@code run("Compute IoU", "prediction=a-mask truth=a_mask.tif");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>Brain Tumor>Compute IoU")
public class ComputeIouCommand extends BrainTumorCommand {
    @Parameter(persist = false, label = "Prediction (mask)")
    private ImagePlus prediction;

    @Parameter(persist = false, label = "Ground truth (mask)")
    private ImagePlus truth;

    // declared outputs: a script or a headless run gets the table by name (the GUI also shows it, titled)
    @Parameter(type = ItemIO.OUTPUT, label = "Tumor IoU")
    private ResultsTable table;

    @Override
    protected String label() {
        return "Compute IoU";
    }

    @Override
    protected void execute() {
        table = ComputeIou.run(prediction, truth);
        ResultTables.show(table, ResultTables.IOU);
    }

    /** The "Tumor IoU" table. */
    public ResultsTable table() {
        return table;
    }
}
