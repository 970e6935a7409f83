package io.github.braintumor.fiji.command;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.InferenceCommandOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.fiji.ComputeIou;
import io.github.braintumor.fiji.ResultTables;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; Brain Tumor &gt; Compute IoU. Macro: {@code run("Compute IoU", "prediction=a-mask truth=a_mask.tif");}
 * A script passes ImgLib2 masks as {@code predictionimg} and {@code truthimg} and gets the {@code table} output.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Brain Tumor>Compute IoU")
public class ComputeIouCommand extends BrainTumorCommand {
    @Parameter(persist = false, label = "Prediction (mask)", required = false)
    private ImagePlus prediction;

    @Parameter(persist = false, label = "Ground truth (mask)", required = false)
    private ImagePlus truth;

    /** For scripts: the predicted mask as an ImgLib2 image (x, y[, slice]; non-zero = tumour), used when given. */
    @Parameter(
            persist = false,
            required = false,
            label = "Prediction (ImgLib2, scripts)",
            visibility = ItemVisibility.INVISIBLE)
    private RandomAccessibleInterval<? extends RealType<?>> predictionimg;

    /** For scripts: the ground truth as an ImgLib2 image, same shape. */
    @Parameter(
            persist = false,
            required = false,
            label = "Ground truth (ImgLib2, scripts)",
            visibility = ItemVisibility.INVISIBLE)
    private RandomAccessibleInterval<? extends RealType<?>> truthimg;

    @Parameter(label = "Also in the Results table (nResults, getResult in macros)", required = false, persist = false)
    private boolean results = CommonOptions.RESULTS.defaultValue();

    // declared outputs: a script or a headless run gets the table by name (the GUI also shows it, titled)
    @Parameter(type = ItemIO.OUTPUT, label = "Tumor IoU")
    private ResultsTable table;

    @Parameter(type = ItemIO.OUTPUT, label = "Tumor IoU Summary")
    private ResultsTable summary;

    @Override
    protected String label() {
        return "Compute IoU";
    }

    @Override
    public OptionTable options() {
        return InferenceCommandOptions.IOU;
    }

    @Override
    protected void execute() {
        if (predictionimg != null || truthimg != null) {
            if (predictionimg == null || truthimg == null) {
                throw new IllegalArgumentException(
                        "give both 'predictionimg' and 'truthimg' (ImgLib2 masks), or neither");
            }
            ComputeIou.Tables t = ComputeIou.run(predictionimg, truthimg);
            table = t.slices();
            summary = t.summary();
            return; // nothing shown: a script takes the table outputs
        }
        ComputeIou.Tables t = ComputeIou.run(prediction, truth);
        table = t.slices();
        summary = t.summary();
        ResultTables.show(table, ResultTables.IOU);
        ResultTables.show(summary, ResultTables.IOU_SUMMARY);
        if (values().get(CommonOptions.RESULTS)) ResultTables.toResults(table);
    }

    /** The "Tumor IoU Summary" table: the micro and macro rows. */
    public ResultsTable summary() {
        return summary;
    }

    /** The "Tumor IoU" table. */
    public ResultsTable table() {
        return table;
    }
}
