package io.github.braintumor.app.options;

import io.github.braintumor.args.Option;
import io.github.braintumor.args.OptionTable;

/**
 * The table of Dataset Overview ({@code overview}): Fiji shows the tables, the command line can write them.
 *
 * <pre>{@code
 * OptionValues v = OverviewOptions.TABLE.fromValues(Map.of("data", "/d/kaggle_3m")::get);
 * }</pre>
 */
public final class OverviewOptions {
    private OverviewOptions() {}

    public static final Option<String> CSV = Option.file("csv")
            .help("also write one row per hospital (and 'all') to FILE")
            .cliOnly();

    public static final Option<String> PATIENTS_CSV = Option.file("patients-csv")
            .help("also write one row per patient (slices, tumour slices, modality pattern)")
            .cliOnly();

    public static final OptionTable TABLE = OptionTable.of(
            CommonOptions.DATA.help("kaggle_3m folder, its parent, or a folder of patient folders"),
            CSV,
            PATIENTS_CSV,
            CommonOptions.OVERWRITE
                    .help("replace existing --csv / --patients-csv files (without it that is refused)")
                    .cliOnly());
}
