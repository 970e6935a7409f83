package io.github.braintumor.cli;

import io.github.braintumor.app.ModelCards;
import io.github.braintumor.app.StackClassification;
import io.github.braintumor.app.StackSegmentation;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.DemoOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.data.PredictionLayout;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.io.OutputTransaction;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.report.Charts;
import io.github.braintumor.report.CsvTable;
import io.github.braintumor.report.Overlay;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code brain-tumor demo}: segments and classifies one patient with the embedded models and writes masks, a CSV
 * and an overlay PNG. Without {@code --data} the patient is a generated SYNTHETIC phantom (not an MRI).
 */
final class DemoSubcommand implements Subcommand {
    static final String SYNTHETIC = "SYNTHETIC_";

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "segment + classify one patient (a SYNTHETIC phantom unless --data) with the embedded models";
    }

    @Override
    public OptionTable options() {
        return DemoOptions.TABLE;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, DemoOptions.TABLE);
        String unet = a.get(DemoOptions.UNET);
        String classifier = a.get(DemoOptions.CLASSIFIER);
        for (ModelKind kind : ModelKind.values()) {
            boolean given = !(kind == ModelKind.UNET ? unet : classifier).isEmpty();
            if (!given && !ModelCards.hasEmbedded(kind)) {
                err.println(
                        "brain-tumor demo: this build has no embedded " + kind.id() + " model, so the demo cannot run."
                                + " Train one (train-unet / train-classifier) and use 'segment'/'classify' with --model.");
                return Main.NO_MODEL;
            }
        }
        Path outDir = a.path(DemoOptions.OUTPUT);
        Path data = a.path(DemoOptions.DATA);
        if (data != null && !Files.exists(data)) throw new UsageException("data folder not found: " + data);
        try (OutputTransaction tx = OutputTransaction.builder()
                .setFolder(outDir)
                .setCommand(name())
                .optOverwrite(a.get(CommonOptions.OVERWRITE))
                .optInputs(data, a.path(DemoOptions.UNET), a.path(DemoOptions.CLASSIFIER))
                .optMayWrite(path -> path.startsWith(SYNTHETIC)
                        || path.startsWith("masks/")
                        || path.equals("results.csv")
                        || path.startsWith("overlay_"))
                .begin()) {
            Path staging = tx.staging();
            String prefix = "";
            if (data == null) {
                prefix = SYNTHETIC;
                data = staging.resolve(SYNTHETIC + "data");
                PhantomGenerator.builder()
                        .optSeed(7)
                        .optPatients(1)
                        .optSlicesPerPatient(12)
                        .build()
                        .write(data);
                out.println("generated a SYNTHETIC phantom patient (not an MRI) in "
                        + outDir.toAbsolutePath().resolve(SYNTHETIC + "data"));
            }
            Inputs.Volume v = Inputs.of(data).get(0);
            List<SliceImage> slices = v.read(err::println);
            TextProgressBar bar = new TextProgressBar(err);
            StackSegmentation.Output seg = StackSegmentation.run(
                    slices,
                    new StackSegmentation.Settings(unet, Double.NaN, StackSegmentation.DEFAULT_BATCH_SIZE, 1.0),
                    bar,
                    () -> false);
            List<StackClassification.Row> cls = StackClassification.run(
                    slices, classifier, Double.NaN, StackSegmentation.DEFAULT_BATCH_SIZE, bar, () -> false);
            bar.finish();
            out.println(seg.postprocessingNote());

            CsvTable.Builder csv = CsvTable.builder()
                    .setColumns(
                            "patient",
                            "slice",
                            "classifier_label",
                            "classifier_probability",
                            "tumour_pixels",
                            "max_probability");
            int best = 0;
            for (int i = 0; i < slices.size(); i++) {
                String id = v.sliceIds().get(i);
                LggTiff.writeMask(
                        PredictionLayout.path(staging.resolve(prefix + "masks"), v.name(), id),
                        seg.result().masks().get(i));
                StackSegmentation.Row r = seg.rows().get(i);
                csv.addRow(
                        v.name(),
                        id,
                        cls.get(i).label(),
                        cls.get(i).probability(),
                        r.tumourPixels(),
                        r.maxProbability());
                if (r.tumourPixels() > seg.rows().get(best).tumourPixels()) best = i;
            }
            String table = prefix + "results.csv";
            csv.build().write(staging.resolve(table));
            String png = prefix + "overlay_" + v.sliceIds().get(best) + ".png";
            writeOverlay(slices.get(best), seg.result().masks().get(best), staging.resolve(png));
            tx.commit();
            Path folder = tx.folder();
            long tumourSlices =
                    seg.rows().stream().filter(r -> r.tumourPixels() > 0).count();
            out.println(v.name() + ": " + slices.size() + " slices, " + tumourSlices + " with a predicted tumour");
            out.println("masks:   " + folder.resolve(prefix + "masks"));
            out.println("table:   " + folder.resolve(table));
            out.println("overlay: " + folder.resolve(png));
        }
        return Main.OK;
    }

    /** FLAIR channel in grey with the predicted tumour outline (report.Overlay), as PNG (atomic). */
    static void writeOverlay(SliceImage slice, SliceMask mask, Path png) throws Exception {
        Charts.writePng(
                Overlay.builder()
                        .setImage(slice.width(), slice.height(), 1, slice.plane(SliceImage.FLAIR))
                        .optPrediction(mask.pixels())
                        .build(),
                png);
    }
}
