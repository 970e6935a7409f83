package io.github.braintumor.cli;

import io.github.braintumor.bench.BenchConfig;
import io.github.braintumor.bench.BenchReport;
import io.github.braintumor.bench.Benchmark;
import io.github.braintumor.engine.DjlEngine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code brain-tumor bench [--threads N] [--slices K] [--features F] [--out JSON]}: speed and memory of inference,
 * training and stack segmentation on synthetic slices (see docs/BENCHMARKS.md and bench/run-bench.sh).
 */
final class BenchSubcommand implements Subcommand {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure inference/training speed and memory (synthetic slices)";
    }

    @Override
    public String usage() {
        return "bench [--threads N] [--slices K] [--features F] [--out JSON] [--stack-features F] "
                + "[--patient-slices P] [--size S] [--quick]\n"
                + "  --threads         PyTorch intra-op threads (default: the cores free at start)\n"
                + "  --slices          slices segmented while RSS is sampled every 100 (default 1000)\n"
                + "  --features        UNet features of the inference/training comparison (default 32 = the peer's)\n"
                + "  --out             also write the result as one JSON object to this file\n"
                + "  --stack-features  UNet features of the stack split, 40-slice patient and memory check (default 16)\n"
                + "  --patient-slices  slices of the synthetic patient that is timed stage by stage (default 40)\n"
                + "  --size            slice side in pixels, a multiple of 32 (default 256)\n"
                + "  --quick           one timed run per figure, no warm-up (a smoke test, not a measurement)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(
                args,
                Set.of("threads", "slices", "features", "out", "stack-features", "patient-slices", "size"),
                Set.of("quick"));
        if (a.positional().size() > 0) {
            throw new UsageException("bench takes no positional arguments, got " + a.positional());
        }
        BenchConfig config = BenchConfig.builder()
                .optThreads(a.getInt("threads", 0))
                .optFlatSlices(a.getInt("slices", 1000))
                .optFeatures(a.getInt("features", 32))
                .optStackFeatures(a.getInt("stack-features", 16))
                .optPatientSlices(a.getInt("patient-slices", 40))
                .optSize(a.getInt("size", 256))
                .optQuick(a.has("quick"))
                .build();
        // before the minutes of measuring: a JSON path that cannot be written is refused now
        if (a.has("out")) io.github.braintumor.io.OutputPaths.checkFile(Path.of(a.get("out", null)), ".json");
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
        if (a.has("out")) {
            Path file = Path.of(a.get("out", null));
            BenchReport.write(file, result);
            out.println("wrote " + file);
        }
        return Main.OK;
    }
}
