package io.github.braintumor.app.options;

import io.github.braintumor.args.Option;
import io.github.braintumor.engine.DeviceChoice;
import io.github.braintumor.infer.InferenceOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The options several commands share, said once: data and output folders, the model, the threshold, the batch size,
 * the device, resampling, the Results table and overwrite.
 *
 * <pre>{@code
 * CommonOptions.threshold(-1);     // NaN: use the model's own threshold
 * CommonOptions.threshold(0.4);    // 0.4
 * CommonOptions.batchSize(0);      // 4, the measured default, where no Brain Tumor Options apply (command line)
 * }</pre>
 */
public final class CommonOptions {
    private CommonOptions() {}

    /** The threshold value that means "the model's own", in every front end. */
    public static final double MODELS_THRESHOLD = -1;

    /** The {@code device} value of an inference command that means "as in Brain Tumor Options". */
    public static final String DEVICE_FROM_OPTIONS = "options";

    public static final Option<String> DATA = Option.folder("data")
            .label("Data folder (kaggle_3m or patient folders)")
            .help("kaggle_3m folder or a folder of patient folders")
            .positional("DATA");

    /** An output folder offered in Fiji and on the command line ({@code --out}, its older spelling, still works). */
    public static final Option<String> OUTPUT =
            Option.folder("output").label("Output folder").alias("out").help("the output folder");

    public static final Option<Boolean> OVERWRITE = Option.flag("overwrite", false)
            .label("Replace an earlier run's output")
            .help("replace what an earlier run of this command wrote there (without it that is refused)");

    public static final Option<String> MODEL = Option.folder("model")
            .label("Model folder (empty = embedded default)")
            .metavar("BUNDLE")
            .help("model bundle folder (default: the embedded model)");

    public static final Option<Double> THRESHOLD = Option.number("threshold", MODELS_THRESHOLD)
            .range(-1, 1)
            .rule(t -> t == MODELS_THRESHOLD || (t >= 0 && t <= 1), "between 0 and 1, or -1 (the model's own)")
            .label("Threshold (-1 = the model's own)")
            .metavar("T")
            .help("probability threshold 0..1 (default -1: the model's own)");

    public static final Option<Integer> BATCH_SIZE = Option.integer("batchsize", 0)
            .min(0)
            .alias("batch")
            .label("Batch size (0 = as in Brain Tumor Options)")
            .help("slices per forward pass (default 0: " + InferenceOptions.DEFAULT_BATCH_SIZE
                    + ", or as in Brain Tumor Options in Fiji)");

    public static final Option<String> DEVICE = Option.choice("device", DEVICE_FROM_OPTIONS, commandDevices())
            .label("Device (options = as in Brain Tumor Options)")
            .fijiOnly();

    public static final Option<Boolean> RESAMPLE = Option.flag("resample", true)
            .label("Resample slices of another size to the model's input (and back)")
            .help("refuse slices whose size is not the model's input (default: resample them to it and\n"
                    + "the result back, bilinear; a TIFF's pixel size is honoured, so pixels that are not\n"
                    + "square keep the field of view's proportions, padded with zeros; the table's\n"
                    + "resampled column says from what size to what)");

    public static final Option<Boolean> RESULTS = Option.flag("results", false)
            .label("Also in the Results table (nResults, getResult in macros)")
            .fijiOnly();

    /** @return the threshold a front end gives as the pipelines take it: NaN for the model's own (any negative) */
    public static double threshold(double given) {
        return given < 0 ? Double.NaN : given;
    }

    /** @return the batch size where no Brain Tumor Options apply: 0 is the measured default */
    public static int batchSize(int given) {
        return given > 0 ? given : InferenceOptions.DEFAULT_BATCH_SIZE;
    }

    /** @return the choices of an inference command's device: options, then auto, cpu, gpu */
    public static String[] commandDevices() {
        List<String> all = new ArrayList<>();
        all.add(DEVICE_FROM_OPTIONS);
        all.addAll(List.of(DeviceChoice.ids()));
        return all.toArray(String[]::new);
    }
}
