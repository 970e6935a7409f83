package io.github.braintumor.cli;

import io.github.braintumor.app.IouEvaluation;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.InferenceCommandOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PredictionLayout;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.io.OutputPaths;
import io.github.braintumor.report.CsvTable;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code brain-tumor iou PRED TRUTH}: IoU, Dice, pixel accuracy, precision, recall per slice plus micro and macro.
 * PRED and TRUTH are two mask TIFFs, or the output folder of {@code segment} and the data folder it segmented.
 */
final class IouSubcommand implements Subcommand {
    @Override
    public String name() {
        return "iou";
    }

    @Override
    public String summary() {
        return "IoU/Dice of predicted masks against ground truth (two TIFFs, or segment's output + data folder)";
    }

    @Override
    public OptionTable options() {
        return InferenceCommandOptions.IOU;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, InferenceCommandOptions.IOU);
        Path pred = a.existingPath(InferenceCommandOptions.PREDICTION);
        Path truth = a.existingPath(InferenceCommandOptions.TRUTH);
        Path csvFile = a.path(InferenceCommandOptions.CSV);
        if (csvFile != null)
            OutputPaths.checkFile(
                    csvFile,
                    a.get(CommonOptions.OVERWRITE),
                    Files.isDirectory(pred) ? null : pred,
                    truth); // segment's folder is ours
        IouEvaluation evaluation;
        if (Files.isDirectory(pred) != Files.isDirectory(truth)) {
            throw new UsageException("PRED and TRUTH must both be files or both be folders");
        } else if (Files.isDirectory(pred)) {
            evaluation = folders(pred, truth, err);
        } else {
            List<SliceMask> p = Inputs.readMasks(pred);
            List<SliceMask> t = Inputs.readMasks(truth);
            evaluation = IouEvaluation.of(IouEvaluation.stackIds(p.size()), p, t);
        }
        CsvTable.Builder csv =
                CsvTable.builder().setColumns("slice", "iou", "dice", "pixel_accuracy", "precision", "recall");
        out.println("slice\tIoU\tDice\tpixel_accuracy\tprecision\trecall");
        for (IouEvaluation.Row r : evaluation.rows()) {
            out.printf(
                    Locale.ROOT,
                    "%s\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f%n",
                    r.slice(),
                    r.iou(),
                    r.dice(),
                    r.pixelAccuracy(),
                    r.precision(),
                    r.recall());
            csv.addRow(r.slice(), r.iou(), r.dice(), r.pixelAccuracy(), r.precision(), r.recall());
        }
        if (csvFile != null) {
            csv.build().write(csvFile);
            out.println("wrote " + csvFile.toAbsolutePath());
        }
        return Main.OK;
    }

    /** Pairs {@code <pred>/<patient>/<stem>_pred.tif} with the data folder's masks. */
    private static IouEvaluation folders(Path predDir, Path dataDir, PrintStream err) throws Exception {
        LggDataset data = Inputs.dataset(dataDir);
        List<String> ids = new ArrayList<>();
        List<SliceMask> p = new ArrayList<>();
        List<SliceMask> t = new ArrayList<>();
        int missing = 0;
        for (SliceRecord s : data.slices()) {
            if (s.mask() == null) continue;
            Path file = PredictionLayout.path(predDir, s.patientId(), Inputs.stem(s.image()));
            if (!Files.isRegularFile(file)) {
                missing++;
                continue;
            }
            ids.add(s.patientId() + "/" + Inputs.stem(s.image()));
            p.add(LggTiff.readMask(file, LggTiff.ANY_SIZE));
            t.add(LggTiff.readMask(s.mask(), LggTiff.ANY_SIZE));
        }
        if (p.isEmpty()) {
            throw new UsageException("no predictions <patient>/<slice>_pred.tif in " + predDir + " match the masks in "
                    + dataDir + " (run 'segment' on that data folder first)");
        }
        if (missing > 0) err.println("note: " + missing + " ground-truth slice(s) have no prediction and are left out");
        return IouEvaluation.of(ids, p, t);
    }
}
