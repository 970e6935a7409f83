package io.github.braintumor.train;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PatientSplit;
import io.github.braintumor.nn.ClassifierHyperparameters;
import io.github.braintumor.nn.UNet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Temporary developer entry point (the real CLI will call the same classes):
 * <pre>
 * java -cp target/classes:target/lib/* io.github.braintumor.train.TrainMain unet /tmp/lgg --out runs/unet16 \
 *      --epochs 40 --features 16 --crop 128 --batch 16 --seed 42 --split runs/split.csv --val-patients 0 \
 *      --minutes 600 [--resume runs/unet16-last] [--lr 1e-3] [--threads 1] [--samples N] [--average K]
 *      [--tumour-fraction 0.7] [--no-augment] [--cache-mb 2048]
 * java ... TrainMain classifier DATA --out runs/cls --epochs 10 --input-size 128 ...
 * </pre>
 * {@code --split CSV}: read when it exists, else a 70/15/15 split stratified by hospital is made with
 * {@code --seed} and written there. Ctrl-C stops after the current batch and keeps the best bundle.
 */
public final class TrainMain {
    private TrainMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args[0].startsWith("-")) {
            System.err.println("usage: TrainMain unet|classifier DATA --out BUNDLE [--epochs N] [--features F]"
                    + " [--crop C] [--batch B] [--seed S] [--split CSV] [--val-patients K] [--minutes M]"
                    + " [--resume CHECKPOINT_DIR] [--lr R] [--threads T] [--samples N] [--average K]"
                    + " [--tumour-fraction P] [--no-augment] [--input-size S] [--cache-mb MB]");
            System.exit(2);
        }
        String kind = args[0];
        Path data = Path.of(args[1]);
        Map<String, String> o = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--no-augment")) {
                o.put(a, "true");
            } else if (a.startsWith("--") && i + 1 < args.length) {
                o.put(a, args[++i]);
            } else {
                throw new IllegalArgumentException("Unexpected argument '" + a + "'");
            }
        }
        if (!o.containsKey("--out")) {
            throw new IllegalArgumentException("--out BUNDLE is required");
        }
        long seed = Long.parseLong(o.getOrDefault("--seed", "42"));
        TrainingConfig.Builder cfg = TrainingConfig.builder()
                .optEpochs(Integer.parseInt(o.getOrDefault("--epochs", "10")))
                .optBatchSize(Integer.parseInt(o.getOrDefault("--batch", "8")))
                .optCropSize(Integer.parseInt(o.getOrDefault("--crop", kind.equals("unet") ? "128" : "256")))
                .optSeed(seed)
                .optValidationPatients(Integer.parseInt(o.getOrDefault("--val-patients", "0")))
                .optMinutes(Double.parseDouble(o.getOrDefault("--minutes", "0")))
                .optLearningRate(Float.parseFloat(o.getOrDefault("--lr", "1e-3")))
                .optThreads(Integer.parseInt(o.getOrDefault("--threads", "0")))
                .optSamplesPerEpoch(Integer.parseInt(o.getOrDefault("--samples", "0")))
                .optAverageLastEpochs(Integer.parseInt(o.getOrDefault("--average", "0")))
                .optCacheBytes(Long.parseLong(o.getOrDefault("--cache-mb", "2048")) << 20)
                .optAugment(!o.containsKey("--no-augment"));
        if (o.containsKey("--tumour-fraction")) {
            cfg.optTumourFraction(Double.parseDouble(o.get("--tumour-fraction")), -1);
        }
        if (o.containsKey("--resume")) {
            cfg.optResume(Path.of(o.get("--resume")));
        }
        LggDataset dataset = LggDataset.index(data);
        PatientSplit split;
        if (o.containsKey("--split") && Files.isRegularFile(Path.of(o.get("--split")))) {
            split = PatientSplit.read(Path.of(o.get("--split")));
        } else {
            split = PatientSplit.create(dataset, 0.7, 0.15, 0.15, seed);
            cfg.optSplitSeed(seed);
            if (o.containsKey("--split")) {
                split.write(Path.of(o.get("--split")));
            }
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.set(true);
            try {
                main.join(120_000); // let the loop finish its batch and return
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }));
        Path out = Path.of(o.get("--out"));
        TrainingResult r;
        if (kind.equals("unet")) {
            UNet.Builder unet = UNet.builder().optFeatures(Integer.parseInt(o.getOrDefault("--features", "16")));
            r = new SegmenterTrainer(unet, cfg.build()).train(dataset, split, out, ProgressListener.console(),
                    stop::get);
        } else if (kind.equals("classifier")) {
            ClassifierHyperparameters hp = ClassifierHyperparameters.defaults()
                    .withInputSize(Integer.parseInt(o.getOrDefault("--input-size", "128")));
            r = new ClassifierTrainer(hp, cfg.build()).train(dataset, split, out, ProgressListener.console(),
                    stop::get);
        } else {
            throw new IllegalArgumentException("Unknown kind '" + kind + "': expected unet or classifier");
        }
        System.err.println(r.message());
    }
}
