package io.github.braintumor.app.options;

import static io.github.braintumor.app.options.CommonOptions.BATCH_SIZE;
import static io.github.braintumor.app.options.CommonOptions.DEVICE;
import static io.github.braintumor.app.options.CommonOptions.MODEL;
import static io.github.braintumor.app.options.CommonOptions.OVERWRITE;
import static io.github.braintumor.app.options.CommonOptions.RESAMPLE;
import static io.github.braintumor.app.options.CommonOptions.RESULTS;
import static io.github.braintumor.app.options.CommonOptions.THRESHOLD;

import io.github.braintumor.app.SegmentationTables;
import io.github.braintumor.app.StackClassification;
import io.github.braintumor.app.StackSegmentation;
import io.github.braintumor.args.Option;
import io.github.braintumor.args.OptionTable;

/**
 * The tables of the commands that run a model on images: Segment Tumor ({@code segment}), Classify Tumor Slice
 * ({@code classify}) and Compute IoU ({@code iou}). In Fiji they work on the open image; the command line reads files
 * and folders (its positional arguments) and writes tables.
 *
 * <pre>{@code
 * OptionValues v = InferenceCommandOptions.SEGMENT.fromValues(Map.of("threshold", 0.4)::get);
 * v.get(CommonOptions.THRESHOLD);                  // 0.4
 * v.get(InferenceCommandOptions.POSTPROCESSING);   // "model"
 * }</pre>
 */
public final class InferenceCommandOptions {
    private InferenceCommandOptions() {}

    /** The command line's input: a .tif (slice or stack), a patient folder or a data folder. */
    public static final Option<String> INPUT = Option.file("input")
            .help("a .tif (slice or stack), a patient folder, or a data folder of patient folders")
            .positional("INPUT")
            .cliOnly();

    public static final Option<Boolean> PROBABILITY =
            Option.flag("probability", false).label("Probability map").fijiOnly();

    public static final Option<Boolean> OUTLINE =
            Option.flag("outline", true).label("Outline overlay on the input").fijiOnly();

    public static final Option<String> POSTPROCESSING = Option.choice(
                    "postprocessing",
                    StackSegmentation.PostProcessingChoice.MODEL.id(),
                    StackSegmentation.PostProcessingChoice.ids())
            .label("Post-processing (model = as recorded in the bundle)")
            .help("model (default): apply the post-processing recorded in the bundle (test-time\n"
                    + "augmentation, minimum area, largest 3-D region per volume); none: threshold only");

    /** What Fiji's Segment makes: the mask stack, ROIs in the ROI Manager, both, or a 3-D label image. */
    public static final Option<String> SEGMENT_OUTPUT = Option.choice("output", "mask", "mask", "roi", "both", "label")
            .label("Output (mask stack, ROI Manager, both, 3-D label image)")
            .fijiOnly();

    /** The command line's output folder of segment (Fiji's {@code output} says what to make instead). */
    public static final Option<String> OUT = Option.folder("out")
            .help("output folder: <patient>/<slice>_pred.tif (folders) or <name>_pred.tif (a file),\n"
                    + "and " + SegmentationTables.CSV + " (patient, slice, tumour_pixels, max_probability,\n"
                    + "modalities, resampled) and " + SegmentationTables.VOLUMES_CSV
                    + " (per file or patient: tumour voxels and slices,\n"
                    + "largest slice, mean intensity of each channel inside the tumour, modalities);\n"
                    + "outputs are written beside --out and moved in when the run ends: an interrupted\n"
                    + "run changes nothing there; a failed run into a new folder keeps the volumes done\n"
                    + "(each whole, listed in the tables); another run on the same --out is refused")
            .required()
            .cliOnly();

    public static final Option<Boolean> KEEP_GOING = Option.flag("keep-going", false)
            .help("go on past a volume that fails: it is listed in failures.csv (volume, reason);\n"
                    + "the exit code still says that something failed")
            .cliOnly();

    public static final Option<Integer> CHANNELS = Option.integer("channels", 0)
            .range(0, 3)
            .help("3: read a single-channel TIFF stack as 3 channels interleaved (pre-contrast, FLAIR,\n"
                    + "post-contrast of slice 1, then of slice 2, ...)")
            .cliOnly();

    public static final OptionTable SEGMENT = OptionTable.of(
            INPUT,
            MODEL.help("UNet bundle folder (default: the embedded model)"),
            THRESHOLD,
            PROBABILITY,
            OUTLINE,
            BATCH_SIZE,
            POSTPROCESSING,
            SEGMENT_OUTPUT,
            RESAMPLE,
            DEVICE,
            RESULTS,
            OUT,
            OVERWRITE
                    .help("replace what an earlier 'segment' wrote into --out (without it such a folder is\n"
                            + "refused), once the new run has finished; other files there are kept")
                    .cliOnly(),
            KEEP_GOING,
            CHANNELS);

    public static final Option<String> METHOD = Option.choice(
                    "method", StackClassification.Method.AUTO.id(), StackClassification.Method.ids())
            .label("Method (auto = the model folder's kind; embedded: the better one)")
            .help("auto (default): the model folder's kind, or with the embedded models the one that\n"
                    + "classified the validation patients better; unet: tumour pixels left after the\n"
                    + "model's post-processing; cnn: the study's slice classifier");

    public static final Option<Boolean> OVERLAY =
            Option.flag("overlay", true).label("Label overlay on the input").fijiOnly();

    public static final Option<String> CSV = Option.file("csv")
            .help("also write the table (patient, slice, label, probability, modalities, resampled) to FILE")
            .cliOnly();

    public static final OptionTable CLASSIFY = OptionTable.of(
            INPUT,
            METHOD,
            MODEL.help("classifier or UNet bundle folder (default: the embedded model of --method)"),
            THRESHOLD,
            BATCH_SIZE,
            OVERLAY,
            RESAMPLE,
            DEVICE,
            RESULTS,
            CSV,
            OVERWRITE
                    .help("replace an earlier --csv (without it an existing file is refused)")
                    .cliOnly());

    public static final Option<String> PREDICTION = Option.file("prediction")
            .help("a mask .tif, or the --out folder of 'segment' (<patient>/<slice>_pred.tif)")
            .positional("PRED")
            .cliOnly();

    public static final Option<String> TRUTH = Option.file("truth")
            .help("a mask .tif of the same size and slice count, or the data folder with the ground\n"
                    + "truth (<patient>/<slice>_mask.tif)")
            .positional("TRUTH")
            .cliOnly();

    public static final OptionTable IOU = OptionTable.of(
            PREDICTION,
            TRUTH,
            RESULTS,
            CSV.help("write the table (slice, iou, dice, pixel_accuracy, precision, recall) to FILE"),
            OVERWRITE
                    .help("replace an earlier --csv (without it an existing file is refused)")
                    .cliOnly());
}
