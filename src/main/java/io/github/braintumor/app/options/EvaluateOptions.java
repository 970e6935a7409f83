package io.github.braintumor.app.options;

import static io.github.braintumor.app.options.CommonOptions.DATA;
import static io.github.braintumor.app.options.CommonOptions.OUTPUT;
import static io.github.braintumor.app.options.CommonOptions.OVERWRITE;
import static io.github.braintumor.app.options.CommonOptions.THRESHOLD;

import io.github.braintumor.args.Option;
import io.github.braintumor.args.OptionTable;

/**
 * The table of Evaluate Tumor Models ({@code evaluate}; the Spark module's {@code evaluate} takes the same keys).
 *
 * <pre>{@code
 * OptionValues v = EvaluateOptions.TABLE.fromValues(Map.of("lcc", true)::get);
 * v.get(EvaluateOptions.LCC);        // true
 * v.get(EvaluateOptions.MIN_AREA);   // 0
 * }</pre>
 */
public final class EvaluateOptions {
    private EvaluateOptions() {}

    public static final Option<String> UNET = Option.folder("unet")
            .label("UNet bundle (empty = none)")
            .metavar("BUNDLE")
            .help("UNet bundle to evaluate (no --unet, --classifier or --predictions: the embedded\n"
                    + "default models, with the UNet's recorded post-processing unless one is given)");

    public static final Option<String> CLASSIFIER = Option.folder("classifier")
            .label("Classifier bundle (empty = none)")
            .metavar("BUNDLE")
            .help("slice classifier bundle to evaluate");

    public static final Option<Boolean> LCC = Option.flag("lcc", false)
            .label("Keep largest 3-D tumour region")
            .help("keep only the largest 3-D tumour region per patient");

    public static final Option<Boolean> TTA = Option.flag("tta", false)
            .label("Test-time augmentation (mirror)")
            .help("test-time augmentation: average with the left-right mirrored slices");

    public static final Option<Integer> MIN_AREA = Option.integer("minarea", 0)
            .min(0)
            .alias("min-area")
            .label("Minimum tumour area per slice (pixels, 0 = off)")
            .help("empty predicted slices with fewer tumour pixels than N");

    public static final Option<String> PATIENTS = Option.text("patients", "")
            .label("Patients (ids separated by commas, or a list file; empty = all)")
            .metavar("LIST")
            .help("only these patients: ids separated by commas, or a file with one per line");

    public static final Option<String> PREDICTIONS = Option.folder("predictions")
            .label("Predicted masks folder instead of a UNet (empty = none)")
            .help("evaluate masks written by 'segment' (<patient>/<slice>_pred.tif), no UNet");

    public static final Option<Boolean> WRITE_THRESHOLD = Option.flag("writethreshold", false)
            .alias("write-threshold")
            .label("Write the best threshold into the UNet bundle")
            .help("store the best threshold found into the UNet bundle's model.json");

    public static final Option<Boolean> WRITE_POSTPROCESSING = Option.flag("writepostprocessing", false)
            .alias("write-postprocessing")
            .label("Write this post-processing into the UNet bundle (segment applies it by default)")
            .help("store the post-processing given here (--tta, --lcc, --minarea; none\n"
                    + "given = none) into the UNet bundle's model.json: 'segment' applies it by default");

    public static final Option<String> MODALITIES = Option.text("modalities", "")
            .label("Also simulate missing modalities (e.g. as-is,flair-only,no-post,no-pre; empty = none)")
            .metavar("as-is,flair-only,no-post,no-pre")
            .help("also evaluate the same patients with a missing modality simulated (the missing\n"
                    + "channel holds FLAIR, as the data set stores it): modalities.csv, modalities.png,\n"
                    + "a robustness section in summary.json, each condition in conditions/<name>/");

    public static final Option<String> BRIGHTNESS = Option.text("brightness", "")
            .label("Also scale brightness by (e.g. 0.4,1.6; empty = none)")
            .metavar("0.4,1.6")
            .help("the same with every intensity scaled by each factor (darker/brighter scanners)");

    public static final Option<String> STORAGE = Option.text("storage", "")
            .label("Also store the patients as (e.g. 8bit,16bit-linear,16bit-gamma,512,half-rows; empty = none)")
            .metavar("8bit,16bit-linear,16bit-gamma,512,half-rows")
            .help("the same patients stored another way and read as a user's scan is: 8bit (as\n"
                    + "given), 16bit-linear (each channel x gain + offset), 16bit-gamma (gamma 0.8),\n"
                    + "512 (upsampled twice, bilinear; truth masks nearest), half-rows (pixels twice\n"
                    + "as tall: row pairs averaged, 256x128)");

    public static final OptionTable TABLE = OptionTable.of(
            DATA.label("Data folder with ground truth (kaggle_3m or patient folders)")
                    .help("data folder with ground truth masks (kaggle_3m or patient folders)"),
            OUTPUT.help("output folder: summary.json, per_*.csv, thresholds.csv, postprocessing.csv,\n"
                            + "PNG charts and overlays, report.html")
                    .required(),
            UNET,
            CLASSIFIER,
            THRESHOLD.help("UNet probability threshold 0..1 (default -1: the bundle's)"),
            LCC,
            TTA,
            MIN_AREA,
            PATIENTS,
            PREDICTIONS,
            WRITE_THRESHOLD,
            WRITE_POSTPROCESSING,
            MODALITIES,
            BRIGHTNESS,
            STORAGE,
            OVERWRITE
                    .label("Overwrite an earlier evaluation in the output folder")
                    .help("replace what an earlier 'evaluate' wrote there (without it such a folder is\n"
                            + "refused before any work, so two evaluations never mix)"));
}
