package io.github.braintumor.fiji.command;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.InferenceCommandOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.fiji.ResultTables;
import io.github.braintumor.fiji.SegmentTumor;
import io.github.braintumor.fiji.TaskProgress;
import java.io.File;
import java.util.List;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins > Brain Tumor > Segment Tumor (UNet). Macro:
 * {@code run("Segment Tumor (UNet)", "model=[] threshold=-1 probability outline batchsize=0 postprocessing=model output=mask device=options resample=true");}
 * ({@code postprocessing=none} switches off the post-processing recorded in the model; {@code resample=false}
 * refuses slices whose size is not the model's input instead of resampling them).
 */
@Plugin(type = Command.class, menuPath = "Plugins>Brain Tumor>Segment Tumor (UNet)")
public class SegmentTumorCommand extends BrainTumorCommand {
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

    @Parameter(label = "Model folder (empty = embedded default)", style = "directory", required = false)
    private File model;

    @Parameter(label = "Threshold (-1 = the model's own)", min = "-1", max = "1", stepSize = "0.05")
    private double threshold = CommonOptions.THRESHOLD.defaultValue();

    @Parameter(label = "Probability map")
    private boolean probability = InferenceCommandOptions.PROBABILITY.defaultValue();

    @Parameter(label = "Outline overlay on the input")
    private boolean outline = InferenceCommandOptions.OUTLINE.defaultValue();

    // not persisted: 0 follows Brain Tumor Options, where the batch size is kept
    @Parameter(label = "Batch size (0 = as in Brain Tumor Options)", min = "0", persist = false)
    private int batchsize = CommonOptions.BATCH_SIZE.defaultValue();

    // not persisted: "model" (the validated pipeline) stays the default unless a run asks otherwise
    @Parameter(
            label = "Post-processing (model = as recorded in the bundle)",
            choices = {"model", "none"},
            persist = false,
            description = "model = as recorded in the bundle (chosen on validation data); none = threshold only")
    private String postprocessing = InferenceCommandOptions.POSTPROCESSING.defaultValue();

    // not persisted: a macro or a later run that does not say gets the mask, as it always has
    @Parameter(
            label = "Output (mask stack, ROI Manager, both, 3-D label image)",
            choices = {"mask", "roi", "both", "label"},
            persist = false,
            description = "mask stack; one ROI per slice with tumour in the ROI Manager; both; or a label image of"
                    + " the 3-D connected tumour regions")
    private String output = InferenceCommandOptions.SEGMENT_OUTPUT.defaultValue();

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

    // not persisted: asked for by each run (macro key results=true)
    @Parameter(label = "Also in the Results table (nResults, getResult in macros)", required = false, persist = false)
    private boolean results = CommonOptions.RESULTS.defaultValue();

    @Parameter(type = ItemIO.OUTPUT, label = "Mask")
    private ImagePlus mask;

    @Parameter(type = ItemIO.OUTPUT, label = "Probability")
    private ImagePlus probabilitymap;

    @Parameter(type = ItemIO.OUTPUT, label = "Labels")
    private ImagePlus labels;

    /** The mask as an ImgLib2 image (x, y, slice; 255 = tumour) when the input was an ImgLib2 image. */
    @Parameter(type = ItemIO.OUTPUT, label = "Mask (ImgLib2)")
    private Img<UnsignedByteType> maskimg;

    private List<Roi> rois = List.of();

    // declared outputs: a script or a headless run gets the table by name (the GUI also shows it, titled)
    @Parameter(type = ItemIO.OUTPUT, label = "Tumor Segmentation")
    private ResultsTable table;
    // declared outputs: a script or a headless run gets the table by name (the GUI also shows it, titled)
    @Parameter(type = ItemIO.OUTPUT, label = "Tumor Volume")
    private ResultsTable volume;

    @Override
    protected String device() {
        return device;
    }

    @Override
    protected String label() {
        return "Segment Tumor (UNet)";
    }

    @Override
    public OptionTable options() {
        return InferenceCommandOptions.SEGMENT;
    }

    @Override
    protected void execute() throws Exception {
        OptionValues v = values();
        if (image == null && input != null) {
            try (TaskProgress p = progress()) {
                SegmentTumor.ImgOutput out = SegmentTumor.run(
                        input,
                        v.get(CommonOptions.MODEL),
                        v.get(CommonOptions.THRESHOLD),
                        v.get(CommonOptions.BATCH_SIZE),
                        v.get(InferenceCommandOptions.POSTPROCESSING),
                        v.get(CommonOptions.RESAMPLE),
                        p,
                        this::isCanceled);
                maskimg = out.mask();
                table = out.table();
                if (log != null) log.info(label() + ": " + out.postprocessing());
            }
            return;
        }
        if (image == null) {
            throw noImage();
        }
        try (TaskProgress p = progress()) {
            SegmentTumor.Output out = SegmentTumor.run(SegmentTumor.Request.of(image, v), p, this::isCanceled);
            mask = out.mask();
            probabilitymap = out.probability();
            labels = out.labels();
            rois = out.rois();
            table = out.table();
            volume = out.volume();
            if (log != null) log.info(label() + ": " + out.postprocessing());
        }
        ResultTables.show(table, ResultTables.SEGMENTATION);
        ResultTables.show(volume, ResultTables.VOLUME);
        if (results) ResultTables.toResults(table);
    }

    /** The "Tumor Volume" table: one row for the stack. */
    public ResultsTable volumeTable() {
        return volume;
    }

    /** The "Tumor Segmentation" table (also shown in the GUI). */
    public ResultsTable table() {
        return table;
    }

    public ImagePlus mask() {
        return mask;
    }

    public ImagePlus probabilityMap() {
        return probabilitymap;
    }

    /** The mask as an ImgLib2 image when the input was one, else null. */
    public Img<UnsignedByteType> maskImg() {
        return maskimg;
    }

    /** The label image of the 3-D tumour regions (output=label), else null. */
    public ImagePlus labels() {
        return labels;
    }

    /** The ROIs added to the ROI Manager (output=roi or both), named {@code <title>:<slice>}. */
    public List<Roi> rois() {
        return rois;
    }
}
