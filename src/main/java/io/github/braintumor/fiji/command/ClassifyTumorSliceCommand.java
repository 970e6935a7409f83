package io.github.braintumor.fiji.command;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.InferenceCommandOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.fiji.ClassifyTumor;
import io.github.braintumor.fiji.ResultTables;
import io.github.braintumor.fiji.TaskProgress;
import java.io.File;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins > Brain Tumor > Classify Tumor Slice. Macro:
 * {@code run("Classify Tumor Slice", "method=auto model=[] threshold=-1 batchsize=0 overlay=true device=options resample=true");}
 * {@code method=unet} calls a slice tumour when the UNet finds tumour pixels in it, {@code method=cnn} uses the
 * study's slice classifier; {@code auto} follows the model folder given, and with the embedded models uses the
 * method that was better on the validation patients.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Brain Tumor>Classify Tumor Slice")
public class ClassifyTumorSliceCommand extends BrainTumorCommand {
    @Parameter(persist = false, label = "MRI slice or stack", required = false)
    private ImagePlus image;

    /** For scripts (Groovy, Jython, pyimagej): an ImgLib2 image (x, y[, channel[, slice]]), used when no image. */
    // invisible: the dialog works on the active image; scripts pass it by name
    @Parameter(
            persist = false,
            required = false,
            label = "ImgLib2 image (scripts)",
            visibility = ItemVisibility.INVISIBLE)
    private RandomAccessibleInterval<? extends RealType<?>> input;

    @Parameter(
            label = "Method (auto = the model folder's kind; embedded: the better one)",
            choices = {"auto", "cnn", "unet"})
    private String method = InferenceCommandOptions.METHOD.defaultValue();

    @Parameter(label = "Model folder (empty = embedded default)", style = "directory", required = false)
    private File model;

    @Parameter(label = "Threshold (-1 = the model's own)", min = "-1", max = "1", stepSize = "0.05")
    private double threshold = CommonOptions.THRESHOLD.defaultValue();

    // not persisted: 0 follows Brain Tumor Options, where the batch size is kept
    @Parameter(label = "Batch size (0 = as in Brain Tumor Options)", min = "0", persist = false)
    private int batchsize = CommonOptions.BATCH_SIZE.defaultValue();

    @Parameter(label = "Label overlay on the input")
    private boolean overlay = InferenceCommandOptions.OVERLAY.defaultValue();

    // not persisted: "options" (Brain Tumor Options) stays the default unless a run asks otherwise
    @Parameter(
            label = "Device (options = as in Brain Tumor Options)",
            choices = {"options", "auto", "cpu", "gpu"},
            persist = false)
    private String device = CommonOptions.DEVICE.defaultValue();

    // not persisted: resampling stays on unless a run says resample=false
    @Parameter(
            label = "Resample slices of another size to the model's input (and back)",
            persist = false,
            description = "off: a slice whose size is not the model's input is refused instead")
    private boolean resample = CommonOptions.RESAMPLE.defaultValue();

    // declared outputs: a script or a headless run gets the table by name (the GUI also shows it, titled)
    // not persisted: asked for by each run (macro key results=true)
    @Parameter(label = "Also in the Results table (nResults, getResult in macros)", required = false, persist = false)
    private boolean results = CommonOptions.RESULTS.defaultValue();

    @Parameter(type = ItemIO.OUTPUT, label = "Tumor Classification")
    private ResultsTable table;

    @Override
    protected String device() {
        return device;
    }

    @Override
    protected String label() {
        return "Classify Tumor Slice";
    }

    @Override
    public OptionTable options() {
        return InferenceCommandOptions.CLASSIFY;
    }

    @Override
    protected void execute() throws Exception {
        OptionValues v = values();
        if (image == null && input != null) {
            try (TaskProgress p = progress()) {
                table = ClassifyTumor.run(
                        input,
                        v.get(InferenceCommandOptions.METHOD),
                        v.get(CommonOptions.MODEL),
                        v.get(CommonOptions.THRESHOLD),
                        v.get(CommonOptions.BATCH_SIZE),
                        v.get(CommonOptions.RESAMPLE),
                        p,
                        this::isCanceled);
            }
            return; // nothing shown: a script takes the table output
        }
        if (image == null) {
            throw noImage();
        }
        try (TaskProgress p = progress()) {
            table = ClassifyTumor.run(ClassifyTumor.Request.of(image, v), p, this::isCanceled);
        }
        ResultTables.show(table, ResultTables.CLASSIFICATION);
        if (results) ResultTables.toResults(table);
    }

    /** The "Tumor Classification" table. */
    public ResultsTable table() {
        return table;
    }
}
