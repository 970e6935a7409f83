package io.github.braintumor.spark;

import java.util.Locale;

/** The two jobs; their ids are the subcommands and, prefixed, the owner names in the output marker. */
public enum Command {
    /** UNet masks in {@code segment}'s layout, with its segmentation.csv and volumes.csv. */
    SEGMENT,
    /** {@code evaluate}'s summary.json and CSV tables for the cohort, and per patient with its masks. */
    EVALUATE;

    /** @return "segment" or "evaluate" */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The owner recorded in the output folder's marker: never the same as the single-machine command's. */
    public String owner() {
        return "spark-" + id();
    }
}
