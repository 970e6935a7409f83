package io.github.braintumor.app.options;

import io.github.braintumor.args.Option;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.engine.DeviceChoice;
import io.github.braintumor.engine.Precision;
import io.github.braintumor.infer.InferenceOptions;

/**
 * The table of Brain Tumor Options (Fiji only: what every later command runs with; the command line takes the same
 * as {@code --threads}, {@code --device} and {@code --precision} before the subcommand). Its defaults are the
 * options of a fresh installation; the dialogs start from the saved ones.
 *
 * <pre>{@code
 * PreferencesOptions.TABLE.find("precision").defaultValue();   // "auto"
 * }</pre>
 */
public final class PreferencesOptions {
    private PreferencesOptions() {}

    public static final Option<Integer> THREADS = Option.integer("threads", 0)
            .min(0)
            .label("Threads (0 = automatic: free cores, stacks every core; at most Memory & Threads)")
            .fijiOnly();

    public static final Option<String> DEVICE = Option.choice("device", DeviceChoice.AUTO.id(), DeviceChoice.ids())
            .label("Device (auto = a GPU when PyTorch can use one, else the CPU)")
            .fijiOnly();

    public static final Option<Integer> BATCH_SIZE = Option.integer("batchsize", InferenceOptions.DEFAULT_BATCH_SIZE)
            .min(1)
            .label("Inference batch size (slices per pass)")
            .fijiOnly();

    public static final Option<String> PRECISION = Option.choice("precision", Precision.AUTO.id(), Precision.ids())
            .label("Precision (auto = bfloat16 where the CPU has native bf16, else float32)")
            .fijiOnly();

    public static final OptionTable TABLE = OptionTable.of(THREADS, DEVICE, BATCH_SIZE, PRECISION);
}
