package io.github.braintumor.cli;

import io.github.braintumor.app.ModelInBackground;
import io.github.braintumor.app.SegmentationTables;
import io.github.braintumor.app.StackSegmentation;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.io.AtomicFiles;
import io.github.braintumor.io.OutputPaths;
import io.github.braintumor.io.OutputTransaction;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.report.CsvTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code brain-tumor segment INPUT --out DIR}: UNet masks for a TIFF, a patient folder or a data folder. */
final class SegmentSubcommand implements Subcommand {
    public static final String CSV = SegmentationTables.CSV;
    /** One row per volume (file or patient): tumour volume and intensities. */
    public static final String VOLUMES_CSV = SegmentationTables.VOLUMES_CSV;
    /** With --keep-going: the volumes that failed and why. */
    public static final String FAILURES_CSV = "failures.csv";

    /** The --no-resample lines of segment's and classify's --help. */
    static final String RESAMPLE_HELP =
            "  --no-resample  refuse slices whose size is not the model's input (default: resample them to it and\n"
                    + "               the result back, bilinear; a TIFF's pixel size is honoured, so pixels that are not\n"
                    + "               square keep the field of view's proportions, padded with zeros; the table's\n"
                    + "               resampled column says from what size to what)";

    @Override
    public String name() {
        return "segment";
    }

    @Override
    public String summary() {
        return "tumour masks with the UNet (TIFF, patient folder or data folder)";
    }

    @Override
    public String usage() {
        return "segment INPUT --out DIR [--overwrite] [--keep-going] [--model BUNDLE] [--threshold T] [--batch N]\n"
                + "        [--postprocessing model|none] [--no-resample] [--channels 3]\n"
                + "  INPUT        a .tif (slice or stack), a patient folder, or a data folder of patient folders\n"
                + "  --out        output folder: <patient>/<slice>_pred.tif (folders) or <name>_pred.tif (a file),\n"
                + "               and " + CSV + " (patient, slice, tumour_pixels, max_probability,\n"
                + "               modalities, resampled) and " + VOLUMES_CSV
                + " (per file or patient: tumour voxels and slices,\n"
                + "               largest slice, mean intensity of each channel inside the tumour, modalities);\n"
                + "               outputs are written beside --out and moved in when the run ends: an interrupted\n"
                + "               run changes nothing there; a failed run into a new folder keeps the volumes done\n"
                + "               (each whole, listed in the tables); another run on the same --out is refused\n"
                + "  --keep-going  go on past a volume that fails: it is listed in " + FAILURES_CSV + " (volume,\n"
                + "               reason); the exit code still says that something failed\n"
                + "  --overwrite  replace what an earlier 'segment' wrote into --out (without it such a folder is\n"
                + "               refused), once the new run has finished; other files there are kept\n"
                + "  --model      UNet bundle folder (default: the embedded model)\n"
                + "  --threshold  probability threshold 0..1 (default: the model's)\n"
                + "  --batch      slices per forward pass (default " + StackSegmentation.DEFAULT_BATCH_SIZE + ")\n"
                + "  --channels 3 read a single-channel TIFF stack as 3 channels interleaved (pre-contrast, FLAIR,\n"
                + "               post-contrast of slice 1, then of slice 2, ...)\n"
                + "  --postprocessing  model (default): apply the post-processing recorded in the bundle (test-time\n"
                + "               augmentation, minimum area, largest 3-D region per volume); none: threshold only\n"
                + RESAMPLE_HELP;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(
                argv,
                Set.of("out", "model", "threshold", "batch", "postprocessing", "channels"),
                Set.of("overwrite", "keep-going", "no-resample"));
        a.expectPositional(1);
        Path input = a.existingPath(0, "INPUT");
        Path outDir = a.path("out");
        if (outDir == null) throw new UsageException("--out DIR is required");
        StackSegmentation.Settings settings = new StackSegmentation.Settings(
                a.get("model", ""),
                a.getDouble("threshold", Double.NaN),
                a.getInt("batch", StackSegmentation.DEFAULT_BATCH_SIZE),
                1.0,
                postprocessing(a.get("postprocessing", StackSegmentation.PostProcessingChoice.MODEL.id())));
        checkThreshold(settings.threshold());
        // Before reading anything: never into the input (its _pred.tif files would join the data set).
        OutputPaths.checkFolder(outDir, name(), a.has("overwrite"), input, a.path("model"));
        // input headers first: they cost no model load
        List<Inputs.Volume> volumes = Inputs.of(input, a.getInt("channels", 0));
        Inputs.checkModel(a.path("model"));
        try (OutputTransaction tx = OutputTransaction.builder()
                .setFolder(outDir)
                .setCommand(name())
                .optOverwrite(a.has("overwrite"))
                .optInputs(input, a.path("model"))
                .optMayWrite(planned(volumes)::contains)
                .begin()) {
            return segment(volumes, settings, !a.has("no-resample"), tx, a.has("keep-going"), out, err);
        }
    }

    /** Every path a run may write into its output folder, so a user's file in the way is refused before any work. */
    private static Set<String> planned(List<Inputs.Volume> volumes) {
        Set<String> paths = new java.util.HashSet<>(List.of(CSV, VOLUMES_CSV, FAILURES_CSV));
        Path root = Path.of("");
        for (Inputs.Volume v : volumes) {
            if (v.file() != null) {
                paths.add(v.name() + "_pred.tif");
            } else {
                for (String id : v.sliceIds()) {
                    paths.add(root.relativize(Inputs.predictionPath(root, v.name(), id))
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
        // one load for all volumes, while the first is read; a load failure fails each volume, as a load per volume did
        try (ModelInBackground unet = ModelInBackground.start(settings.model(), ModelKind.UNET)) {
            for (Inputs.Volume v : volumes) {
                try {
                    written += segment(v, settings, unet, resample, outDir, csv, volumesCsv, bar, err);
                    writeTables(outDir, csv, volumesCsv); // an interrupted batch keeps the table of what is done
                } catch (Exception e) {
                    // a volume's masks appear whole or not at all
                    AtomicFiles.deleteRecursively(outDir.resolve(v.file() != null ? v.name() + "_pred.tif" : v.name()));
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
        err.println("engine: " + io.github.braintumor.engine.DjlEngine.describe() + ", batch " + settings.batchSize());
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
            for (int i = 0; i < rows.size(); i++) {
                LggTiff.writeMask(
                        Inputs.predictionPath(outDir, v.name(), v.sliceIds().get(i)),
                        result.result().masks().get(i));
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

    static StackSegmentation.PostProcessingChoice postprocessing(String value) throws UsageException {
        try {
            return StackSegmentation.PostProcessingChoice.fromId(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage());
        }
    }

    static void checkThreshold(double t) throws UsageException {
        if (!Double.isNaN(t) && (t < 0 || t > 1))
            throw new UsageException("--threshold must be between 0 and 1, got " + t);
    }
}
