package io.github.braintumor.app;

import io.github.braintumor.metrics.TumourVolume;
import io.github.braintumor.report.CsvTable;
import java.util.List;

/**
 * The tables {@code brain-tumor segment} writes next to the masks, one place for their columns and rows:
 * {@value #CSV} (one row per slice) and {@value #VOLUMES_CSV} (one row per volume: file or patient). Shared by the
 * command line and the Spark module.
 *
 * <pre>{@code
 * CsvTable.Builder slices = SegmentationTables.slices(), volumes = SegmentationTables.volumes();
 * SegmentationTables.add(slices, volumes, "TCGA_CS_4941_19960909", sliceIds, StackSegmentation.run(...));
 * slices.build().write(out.resolve(SegmentationTables.CSV));
 * }</pre>
 */
public final class SegmentationTables {
    public static final String CSV = "segmentation.csv";
    /** One row per volume (file or patient): tumour volume and intensities. */
    public static final String VOLUMES_CSV = "volumes.csv";

    private SegmentationTables() {}

    /**
     * @return an empty {@value #CSV}: patient, slice, tumour_pixels, max_probability, modalities, resampled (e.g.
     *     "512x512 -&gt; 256x256", empty when the slice went to the network as it is)
     */
    public static CsvTable.Builder slices() {
        return CsvTable.builder()
                .setColumns("patient", "slice", "tumour_pixels", "max_probability", "modalities", "resampled");
    }

    /** @return an empty {@value #VOLUMES_CSV} */
    public static CsvTable.Builder volumes() {
        return CsvTable.builder()
                .setColumns(
                        "patient",
                        "slices",
                        "tumour_voxels",
                        "tumour_slices",
                        "largest_slice",
                        "largest_slice_pixels",
                        "mean_pre_contrast",
                        "mean_flair",
                        "mean_post_contrast",
                        "modalities",
                        "warning");
    }

    /**
     * Adds one segmented volume's rows to both tables.
     *
     * @param name     patient id or file stem
     * @param sliceIds one id per slice (file stems for folders, "1".."n" for a stack file)
     */
    public static void add(
            CsvTable.Builder slices,
            CsvTable.Builder volumes,
            String name,
            List<String> sliceIds,
            StackSegmentation.Output result) {
        List<StackSegmentation.Row> rows = result.rows();
        for (int i = 0; i < rows.size(); i++) {
            slices.addRow(
                    name,
                    sliceIds.get(i),
                    rows.get(i).tumourPixels(),
                    rows.get(i).maxProbability(),
                    rows.get(i).modalities(),
                    rows.get(i).resampled());
        }
        TumourVolume tv = result.volume();
        double[] mean = tv.meanIntensity();
        volumes.addRow(
                name,
                rows.size(),
                tv.voxels(),
                tv.tumourSlices(),
                tv.largestSlice() == 0 ? null : sliceIds.get(tv.largestSlice() - 1),
                (long) tv.largestSliceArea(),
                mean.length == 3 ? finite(mean[0]) : null,
                mean.length == 3 ? finite(mean[1]) : null,
                mean.length == 3 ? finite(mean[2]) : null,
                result.modalities().volume().id(),
                result.warning().isEmpty() ? null : result.warning());
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
