package io.github.braintumor.cli;

import io.github.braintumor.app.Reports;
import io.github.braintumor.app.TrainingJobs;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.TrainingCommandOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.train.TrainingResult;
import java.io.PrintStream;
import java.util.List;

/** {@code brain-tumor train-unet DATA --output BUNDLE}: trains the UNet segmenter. */
final class TrainUnetSubcommand implements Subcommand {
    @Override
    public String name() {
        return "train-unet";
    }

    @Override
    public String summary() {
        return "train a UNet tumour segmenter on a data folder";
    }

    @Override
    public OptionTable options() {
        return TrainingCommandOptions.UNET;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, TrainingCommandOptions.UNET);
        TrainingJobs.Settings s = settings(a);
        TextProgressBar bar = new TextProgressBar(err);
        TrainingResult r;
        try (StopOnSignal stop = StopOnSignal.install()) {
            r = TrainingJobs.segmenter(s, a.get(TrainingCommandOptions.FEATURES), bar, stop);
        }
        bar.finish();
        out.println(Reports.training(r));
        return Main.OK;
    }

    /** The settings of a training command line: its data folder read (cheap, before any model) and its output. */
    static TrainingJobs.Settings settings(Args a) throws Exception {
        Inputs.dataset(a.existingPath(CommonOptions.DATA));
        return TrainingJobs.settings(a.values());
    }
}
