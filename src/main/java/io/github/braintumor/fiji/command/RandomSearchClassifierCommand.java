package io.github.braintumor.fiji.command;

import ij.measure.ResultsTable;
import io.github.braintumor.app.Reports;
import io.github.braintumor.app.TrainingJobs;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.TrainingCommandOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.fiji.ResultTables;
import io.github.braintumor.fiji.TaskProgress;
import io.github.braintumor.report.CsvTable;
import io.github.braintumor.train.SearchResult;
import java.io.File;
import java.nio.file.Files;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins > Brain Tumor > Random Search Classifier: trials table ("Random Search Trials", best first) and the
 * best model retrained into {@code <output>/best}. Macro:
 * {@code run("Random Search Classifier", "data=/d output=/runs/search trials=10 executions=2 epochs=5 batchsize=8 seed=42 samples=0");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>Brain Tumor>Random Search Classifier")
public class RandomSearchClassifierCommand extends BrainTumorCommand {
    @Parameter(label = "Data folder (kaggle_3m or patient folders)", style = "directory")
    private File data;

    @Parameter(label = "Output folder", style = "directory")
    private File output;

    @Parameter(label = "Trials", min = "1")
    private int trials = 10;

    @Parameter(label = "Executions per trial", min = "1")
    private int executions = 2;

    @Parameter(label = "Epochs per execution", min = "1")
    private int epochs = 5;

    @Parameter(label = "Batch size", min = "1")
    private int batchsize = TrainingCommandOptions.BATCH_SIZE.defaultValue();

    @Parameter(label = "Random seed")
    private long seed = TrainingCommandOptions.SEED.defaultValue();

    @Parameter(label = "Samples per epoch (0 = all)", min = "0")
    private int samples = 0;

    // not persisted: replacing an earlier search is asked for each time
    @Parameter(
            label = "Share of slices shown with a missing modality (FLAIR-only, no-post, no-pre)",
            min = "0",
            max = "1",
            stepSize = "0.05")
    private double missingmodality = TrainingCommandOptions.MISSING_MODALITY.defaultValue();

    @Parameter(label = "Overwrite an earlier search in the output folder", persist = false)
    private boolean overwrite = false;

    private SearchResult result;
    // declared outputs: a script or a headless run gets the table by name (the GUI also shows it, titled)
    @Parameter(type = ItemIO.OUTPUT, label = "Random Search")
    private ResultsTable table;

    @Override
    protected String label() {
        return "Random Search Classifier";
    }

    @Override
    public OptionTable options() {
        return TrainingCommandOptions.SEARCH;
    }

    @Override
    protected void execute() throws Exception {
        OptionValues v = values();
        TrainingJobs.Settings s = TrainingJobs.settings(v);
        try (TaskProgress p = progress()) {
            result = TrainingJobs.search(
                    s,
                    v.get(TrainingCommandOptions.TRIALS),
                    v.get(TrainingCommandOptions.EXECUTIONS),
                    v.get(TrainingCommandOptions.SEARCH_INPUT_SIZE),
                    v.get(CommonOptions.OVERWRITE),
                    p,
                    this::isCanceled);
        }
        if (result.table() != null && Files.isRegularFile(result.table())) {
            CsvTable csv = CsvTable.read(result.table());
            table = ResultTables.of(csv.columns(), csv.rows());
            ResultTables.show(table, ResultTables.TRIALS);
        }
        if (log != null) log.info(Reports.search(result));
    }

    public SearchResult result() {
        return result;
    }

    /** The trials table, best first (null when no trial finished). */
    public ResultsTable table() {
        return table;
    }
}
