package io.github.braintumor.cli;

import io.github.braintumor.app.ModelInBackground;
import io.github.braintumor.app.SegmentationTables;
import io.github.braintumor.app.StackSegmentation;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.InferenceCommandOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PredictionLayout;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.io.OutputPaths;
import io.github.braintumor.io.OutputTransaction;
import io.github.braintumor.io.StagedFolder;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.report.CsvTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code brain-tumor segment INPUT --out DIR}: UNet masks for a TIFF, a patient folder or a data folder. */
final class SegmentSubcommand implements Subcommand {
    public static final String CSV = SegmentationTables.CSV;
    /** One row per volume (file or patient): tumour volume and intensities. */
    public static final String VOLUMES_CSV = SegmentationTables.VOLUMES_CSV;
    /** With --keep-going: the volumes that failed and why. */
    public static final String FAILURES_CSV = "failures.csv";

    @Override
    public String name() {
        return "segment";
    }

    @Override
    public String summary() {
        return "tumour masks with the UNet (TIFF, patient folder or data folder)";
    }

    @Override
    public OptionTable options() {
        return InferenceCommandOptions.SEGMENT;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, InferenceCommandOptions.SEGMENT);
        Path input = a.existingPath(InferenceCommandOptions.INPUT);
        Path outDir = a.path(InferenceCommandOptions.OUT);
        Path model = a.path(CommonOptions.MODEL);
        StackSegmentation.Settings settings = new StackSegmentation.Settings(
                a.get(CommonOptions.MODEL),
                CommonOptions.threshold(a.get(CommonOptions.THRESHOLD)),
                CommonOptions.batchSize(a.get(CommonOptions.BATCH_SIZE)),
                1.0,
                StackSegmentation.PostProcessingChoice.fromId(a.get(InferenceCommandOptions.POSTPROCESSING)));
        boolean overwrite = a.get(CommonOptions.OVERWRITE);
        // Before reading anything: never into the input (its _pred.tif files would join the data set).
        OutputPaths.checkFolder(outDir, name(), overwrite, input, model);
        // one load for all volumes, started now: it runs while the headers and the first volume are read
        try (ModelInBackground unet = ModelInBackground.start(settings.model(), ModelKind.UNET)) {
            List<Inputs.Volume> volumes = Inputs.of(input, a.get(InferenceCommandOptions.CHANNELS));
            // a model the user named that cannot be loaded is refused before anything is written; a failure of the
            // embedded one fails each volume, as a load per volume did
            if (model != null) unet.get();
            try (OutputTransaction tx = OutputTransaction.builder()
                    .setFolder(outDir)
                    .setCommand(name())
                    .optOverwrite(overwrite)
                    .optInputs(input, model)
                    .optMayWrite(planned(volumes)::contains)
                    .begin()) {
                return segment(
                        volumes,
                        settings,
                        unet,
                        a.get(CommonOptions.RESAMPLE),
                        tx,
                        a.get(InferenceCommandOptions.KEEP_GOING),
                        out,
                        err);
            }
        }
    }

    /** Every path a run may write into its output folder, so a user's file in the way is refused before any work. */
    private static Set<String> planned(List<Inputs.Volume> volumes) {
        Set<String> paths = new HashSet<>(List.of(CSV, VOLUMES_CSV, FAILURES_CSV));
        Path root = Path.of("");
        for (Inputs.Volume v : volumes) {
            if (v.file() != null) {
                paths.add(v.name() + "_pred.tif");
            } else {
                for (String id : v.sliceIds()) {
                    paths.add(root.relativize(PredictionLayout.path(root, v.name(), id))
                            .toString()
                            .replace('\\', '/'));
                }
            }
        }
        return paths;
    }

    private int segment(
            List<Inputs.Volume> volumes,
            StackSegmentation.Settings settings,
            ModelInBackground unet,
            boolean resample,
            OutputTransaction tx,
            boolean keepGoing,
            PrintStream out,
            PrintStream err)
            throws Exception {
        Path outDir = tx.staging();
        CsvTable.Builder csv = SegmentationTables.slices();
        CsvTable.Builder volumesCsv = SegmentationTables.volumes();
        TextProgressBar bar = new TextProgressBar(err);
        CsvTable.Builder failures = CsvTable.builder().setColumns("volume", "reason");
        int failed = 0;
        boolean allBadInput = true;
        int written = 0;
        int done = 0;
        for (Inputs.Volume v : volumes) {
            try {
                written += segment(v, settings, unet, resample, outDir, csv, volumesCsv, bar, err);
                writeTables(outDir, csv, volumesCsv); // an interrupted batch keeps the table of what is done
            } catch (Exception e) {
                // nothing of the volume was published: its mask stack and its patient folder are written whole
                if (keepGoing) {
                    bar.finish();
                    err.println(v.name() + " failed, going on: " + Main.oneLine(e));
                    failures.addRow(v.name(), Main.oneLine(e));
                    failed++;
                    allBadInput &= Main.isBadInput(e);
                    writeFailures(outDir, failures);
                    continue;
                }
                // What is done stays usable when it replaces nothing: its masks are complete and the tables
                // list exactly them. An earlier output is kept as it was rather than mixed with a partial one.
                String what = v.name() + " failed";
                if (tx.replacesEarlier()) {
                    what += " (the earlier output in " + tx.folder() + " is kept unchanged): ";
                } else if (done > 0) {
                    tx.commit();
                    what += " after " + done + " complete volume(s) (listed in " + CSV + "): ";
                } else {
                    what += " (nothing written): ";
                }
                what += Main.oneLine(e);
                if (Main.isBadInput(e)) throw new UsageException(what, e);
                throw new IllegalStateException(what, e);
            }
            done++;
        }
        writeTables(outDir, csv, volumesCsv);
        tx.commit();
        outDir = tx.folder();
        if (failed > 0) {
            err.println("brain-tumor segment: " + failed + " of " + volumes.size() + " volume(s) failed (listed in "
                    + outDir.resolve(FAILURES_CSV) + "); " + done + " done (" + written + " mask file(s), "
                    + CSV + ")");
            return allBadInput ? Main.BAD_INPUT : Main.FAILED;
        }
        err.println("engine: " + DjlEngine.describe() + ", batch " + settings.batchSize());
        out.println("wrote " + written + " mask file(s) and " + CSV + " to " + outDir.toAbsolutePath());
        return Main.OK;
    }

    /**
     * Segments one volume and writes its masks into the run's staging folder (the output transaction moves them in
     * at its commit); its table rows are added only once all its masks are written.
     *
     * @return mask files written
     */
    private int segment(
            Inputs.Volume v,
            StackSegmentation.Settings settings,
            ModelInBackground unet,
            boolean resample,
            Path outDir,
            CsvTable.Builder csv,
            CsvTable.Builder volumesCsv,
            TextProgressBar bar,
            PrintStream err)
            throws Exception {
        Inputs.Read read = v.readCalibrated(note -> err.println(v.name() + ": " + note));
        List<SliceImage> slices = read.slices();
        err.println("segmenting " + v.name() + " (" + slices.size() + " slices)");
        StackSegmentation.Output result = StackSegmentation.run(
                slices, settings.withResampling(read.resampling(resample)), unet.get(), bar, () -> false);
        bar.finish();
        err.println(v.name() + ": " + result.postprocessingNote());
        List<StackSegmentation.Row> rows = result.rows();
        if (v.file() != null) {
            LggTiff.writeMaskStack(
                    outDir.resolve(v.name() + "_pred.tif"), result.result().masks());
        } else {
            // a patient's masks appear whole or not at all, as each Spark task publishes its patient
            try (StagedFolder patient = StagedFolder.beside(outDir.resolve(v.name()))) {
                for (int i = 0; i < rows.size(); i++) {
                    LggTiff.writeMask(
                            patient.path()
                                    .resolve(PredictionLayout.fileName(
                                            v.sliceIds().get(i))),
                            result.result().masks().get(i));
                }
                patient.publish();
            }
        }
        SegmentationTables.add(csv, volumesCsv, v.name(), v.sliceIds(), result);
        return v.file() != null ? 1 : rows.size();
    }

    private static void writeFailures(Path outDir, CsvTable.Builder failures) throws IOException {
        failures.build().write(outDir.resolve(FAILURES_CSV));
    }

    private static void writeTables(Path outDir, CsvTable.Builder csv, CsvTable.Builder volumesCsv) throws IOException {
        csv.build().write(outDir.resolve(CSV));
        volumesCsv.build().write(outDir.resolve(VOLUMES_CSV));
    }
}
