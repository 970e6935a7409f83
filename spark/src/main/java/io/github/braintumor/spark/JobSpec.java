package io.github.braintumor.spark;

import io.github.braintumor.eval.InputCondition;
import java.io.Serializable;

/**
 * What every task needs to know, sent from the driver (plain values, no Spark or file handles).
 *
 * @param command    segment or evaluate
 * @param unet       UNet bundle folder, as the workers see it (the driver's path for the embedded default)
 * @param unetEmbedded true when {@code unet} is the embedded default: a worker that lacks the folder extracts it
 * @param classifier classifier bundle folder for evaluate, or null
 * @param classifierEmbedded as {@code unetEmbedded}
 * @param threshold  UNet threshold, or null for the bundle's
 * @param lcc        evaluate: keep the largest 3-D region
 * @param tta        evaluate: flip test-time augmentation
 * @param minArea    evaluate: minimum predicted area per slice
 * @param postprocessingNone segment: threshold only instead of the bundle's recorded post-processing
 * @param batch      slices per forward pass
 * @param threads    PyTorch threads per task (0: DJL's choice)
 * @param output     the output folder (absolute, shared by driver and workers)
 * @param dataRoot   the input as given, for the summary
 * @param lccBy      evaluate: which components lcc keeps (the bundle's recorded rule; null = the largest)
 * @param condition  evaluate: the input condition simulated on every patient (null: the input as given)
 */
record JobSpec(
        Command command,
        String unet,
        boolean unetEmbedded,
        String classifier,
        boolean classifierEmbedded,
        Double threshold,
        boolean lcc,
        boolean tta,
        int minArea,
        boolean postprocessingNone,
        int batch,
        int threads,
        String output,
        String dataRoot,
        String lccBy,
        InputCondition condition)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** @return this spec writing into {@code folder} instead (the job's staging folder) */
    JobSpec withOutput(String folder) {
        return withCondition(condition, folder);
    }

    /** @return this spec simulating {@code c} on every patient and writing into {@code folder} */
    JobSpec withCondition(InputCondition c, String folder) {
        return new JobSpec(
                command,
                unet,
                unetEmbedded,
                classifier,
                classifierEmbedded,
                threshold,
                lcc,
                tta,
                minArea,
                postprocessingNone,
                batch,
                threads,
                folder,
                dataRoot,
                lccBy,
                c);
    }

    /** What identifies the models a worker keeps loaded: two jobs with the same key share them. */
    String modelKey() {
        return command + "|" + unet + "|" + classifier + "|" + threshold + "|" + lcc + "|" + tta + "|" + minArea + "|"
                + lccBy + "|" + postprocessingNone + "|" + batch + "|"
                + (condition == null ? "as-is" : condition.name());
    }
}
