package io.github.braintumor.cli;

import io.github.braintumor.args.Option;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.bench.BenchConfig;
import io.github.braintumor.bench.BenchReport;
import io.github.braintumor.bench.Benchmark;
import io.github.braintumor.engine.DjlEngine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code brain-tumor bench [--threads N] [--slices K] [--features F] [--out JSON]}: speed and memory of inference,
 * training and stack segmentation on synthetic slices (see docs/BENCHMARKS.md and bench/run-bench.sh).
 */
public final class BenchSubcommand implements Subcommand {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure inference/training speed and memory (synthetic slices)";
    }

    static final Option<Integer> THREADS =
            Option.integer("threads", 0).min(0).help("PyTorch intra-op threads (default: the cores free at start)");
    static final Option<Integer> SLICES =
            Option.integer("slices", 1000).min(1).help("slices segmented while RSS is sampled every 100");
    static final Option<Integer> FEATURES = Option.integer("features", 32)
            .min(1)
            .help("UNet features of the inference/training comparison (default 32 = the peer's)");
    static final Option<String> OUT =
            Option.file("out").metavar("JSON").help("also write the result as one JSON object to this file");
    static final Option<Integer> STACK_FEATURES = Option.integer("stack-features", 16)
            .min(1)
            .help("UNet features of the stack split, 40-slice patient and memory check");
    static final Option<Integer> PATIENT_SLICES = Option.integer("patient-slices", 40)
            .min(1)
            .help("slices of the synthetic patient that is timed stage by stage");
    static final Option<Integer> SIZE =
            Option.integer("size", 256).min(32).help("slice side in pixels, a multiple of 32");
    static final Option<Boolean> QUICK =
            Option.flag("quick", false).help("one timed run per figure, no warm-up (a smoke test, not a measurement)");
    /** Command line only. */
    static final OptionTable TABLE =
            OptionTable.of(THREADS, SLICES, FEATURES, OUT, STACK_FEATURES, PATIENT_SLICES, SIZE, QUICK);

    @Override
    public OptionTable options() {
        return TABLE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(args, TABLE);
        BenchConfig config = BenchConfig.builder()
                .optThreads(a.get(THREADS))
                .optFlatSlices(a.get(SLICES))
                .optFeatures(a.get(FEATURES))
                .optStackFeatures(a.get(STACK_FEATURES))
                .optPatientSlices(a.get(PATIENT_SLICES))
                .optSize(a.get(SIZE))
                .optQuick(a.get(QUICK))
                .build();
        Path json = a.path(OUT);
        // before the minutes of measuring: a JSON path that cannot be written is refused now
        if (json != null) io.github.braintumor.io.OutputPaths.checkFile(json, ".json");
        if (config.threads() > 0) {
            if (DjlEngine.isStarted()) {
                err.println("brain-tumor bench: the engine is already running with "
                        + System.getProperty(DjlEngine.NUM_THREADS) + " thread(s); --threads is ignored");
            } else { // the option beats BRAIN_TUMOR_THREADS
                System.setProperty(DjlEngine.NUM_THREADS, Integer.toString(config.threads()));
                System.setProperty(DjlEngine.NUM_INTEROP_THREADS, "1");
            }
        }
        Map<String, Object> result = Benchmark.run(config, err);
        out.print(BenchReport.text(result));
        if (json != null) {
            BenchReport.write(json, result);
            out.println("wrote " + json);
        }
        return Main.OK;
    }
}
