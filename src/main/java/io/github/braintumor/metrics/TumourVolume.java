package io.github.braintumor.metrics;

import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import java.util.List;

/**
 * What a clinician measures on a segmented volume: tumour volume (calibrated when the voxel size is known), the
 * slices with tumour, the largest slice area and the mean intensity of each channel (modality) inside the tumour.
 *
 * <pre>{@code
 * TumourVolume v = TumourVolume.of(result.masks(), slices, 0.94 * 0.94, 3.0, "mm");  // mm^3
 * System.out.println(v.volume() + " " + v.unit() + "^3 over " + v.tumourSlices() + " slices");
 * }</pre>
 *
 * @param voxels             tumour voxels
 * @param volume             {@code voxels * pixelArea * sliceThickness} (voxels when uncalibrated)
 * @param unit               length unit of the calibration ({@code pixel} when uncalibrated)
 * @param tumourSlices       slices with at least one tumour pixel
 * @param largestSlice       1-based number of the slice with the largest tumour area (0 when there is none)
 * @param largestSliceArea   that slice's tumour area, calibrated ({@code unit^2})
 * @param meanIntensity      per channel, the mean 0..255 value inside the tumour (NaN without tumour)
 */
public record TumourVolume(
        long voxels,
        double volume,
        String unit,
        int tumourSlices,
        int largestSlice,
        double largestSliceArea,
        double[] meanIntensity) {

    /**
     * @param pixelArea      calibrated area of one pixel (1 when uncalibrated)
     * @param sliceThickness calibrated distance between slices (1 when uncalibrated)
     * @param unit           the calibration's length unit, blank or null = pixel
     */
    public static TumourVolume of(
            List<SliceMask> masks, List<SliceImage> images, double pixelArea, double sliceThickness, String unit) {
        if (masks.size() != images.size()) {
            throw new IllegalArgumentException(masks.size() + " masks for " + images.size() + " slices");
        }
        int channels = images.isEmpty() ? 0 : images.get(0).channels();
        double[] sum = new double[channels];
        long voxels = 0;
        int slices = 0;
        int largest = 0;
        long largestArea = 0;
        for (int z = 0; z < masks.size(); z++) {
            byte[] m = masks.get(z).pixels();
            SliceImage image = images.get(z);
            int plane = image.width() * image.height();
            if (m.length != plane) {
                throw new IllegalArgumentException(
                        "mask " + (z + 1) + " has " + m.length + " pixels, its slice " + plane);
            }
            long area = 0;
            byte[] px = image.pixels();
            for (int i = 0; i < plane; i++) {
                if (m[i] != 0) {
                    area++;
                    for (int c = 0; c < channels; c++) {
                        sum[c] += px[c * plane + i] & 0xFF;
                    }
                }
            }
            voxels += area;
            if (area > 0) {
                slices++;
            }
            if (area > largestArea) {
                largestArea = area;
                largest = z + 1;
            }
        }
        double[] mean = new double[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = voxels == 0 ? Double.NaN : sum[c] / voxels;
        }
        String u = unit == null || unit.isBlank() ? "pixel" : unit;
        return new TumourVolume(
                voxels, voxels * pixelArea * sliceThickness, u, slices, largest, largestArea * pixelArea, mean);
    }
}
