package io.github.braintumor.train;

import io.github.braintumor.conversion.IntensityStatistics;
import io.github.braintumor.conversion.Normalization;
import io.github.braintumor.data.LggDataException;
import io.github.braintumor.data.ModalityPattern;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.model.AugmentationSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Slice bytes to network input for training and validation, normalised with the statistics of the slice's whole
 * volume (its patient) exactly as inference normalises a stack. Each patient's volume is summarised once as
 * per-channel histograms, so a training sample can see its volume as if a modality were missing or the scanner
 * were darker, with a different gain or gamma per channel, and still be normalised exactly as inference would
 * normalise that whole volume, without reading it again: the statistics come from the transformed histograms and
 * the slice goes through a 256-entry lookup table per channel.
 */
final class VolumeIntensities {
    /** Range of the global brightness factor (0.4..1.6 covers the darkest and brightest LGG volumes). */
    private static final double MIN_BRIGHTNESS = 0.4;

    private static final double MAX_BRIGHTNESS = 1.6;
    /** Per-channel gain exp(+-0.25) and gamma exp(+-0.3). */
    private static final double MAX_LOG_GAIN = 0.25;

    private static final double MAX_LOG_GAMMA = 0.3;

    private final Normalization normalization;
    private final AugmentationSettings augmentation;
    private final SliceStore store;
    private final Map<String, List<SliceRecord>> patients;
    private final Map<String, long[][]> histograms = new HashMap<>();

    /**
     * @param patients every slice of every patient whose slices will be asked for (volumes are whole patients)
     */
    VolumeIntensities(
            String normalizationId,
            AugmentationSettings augmentation,
            SliceStore store,
            Map<String, List<SliceRecord>> patients) {
        this.normalization = Normalization.fromId(normalizationId);
        this.augmentation = augmentation;
        this.store = store;
        this.patients = patients;
    }

    /** The slice as inference would see it inside its patient's stack. */
    float[] validationInput(SliceRecord r, SliceImage image) throws LggDataException {
        return apply(image, lookupTables(volumeHistogram(r), ModalityPattern.COMPLETE, null));
    }

    /** The slice as one of the patient's stack with that pattern simulated (robustness evaluation of training). */
    float[] input(SliceRecord r, SliceImage image, ModalityPattern pattern) throws LggDataException {
        return apply(pattern.simulate(image), lookupTables(volumeHistogram(r), pattern, null));
    }

    /** A training sample: the augmentation's random modality pattern, intensity change and statistics. */
    float[] trainingInput(SliceRecord r, SliceImage image, Random rng) throws LggDataException {
        ModalityPattern pattern = ModalityPattern.COMPLETE;
        if (augmentation.missingModality() > 0
                && !augmentation.patterns().isEmpty()
                && rng.nextDouble() < augmentation.missingModality()) {
            pattern = ModalityPattern.fromId(augmentation
                    .patterns()
                    .get(rng.nextInt(augmentation.patterns().size())));
        }
        double[][] jitter = augmentation.intensity() ? jitter(rng, image.channels()) : null;
        boolean own = augmentation.sliceStatistics() > 0 && rng.nextDouble() < augmentation.sliceStatistics();
        long[][] histogram = own ? histogram(image) : volumeHistogram(r);
        return apply(pattern.simulate(image), lookupTables(histogram, pattern, jitter));
    }

    /** Brightness (shared), gain and gamma per channel. */
    private static double[][] jitter(Random rng, int channels) {
        double brightness = Math.exp(
                Math.log(MIN_BRIGHTNESS) + rng.nextDouble() * (Math.log(MAX_BRIGHTNESS) - Math.log(MIN_BRIGHTNESS)));
        double[][] j = new double[channels][2];
        for (int c = 0; c < channels; c++) {
            j[c][0] = brightness * Math.exp((rng.nextDouble() * 2 - 1) * MAX_LOG_GAIN);
            j[c][1] = Math.exp((rng.nextDouble() * 2 - 1) * MAX_LOG_GAMMA);
        }
        return j;
    }

    /**
     * {@code lut[c][v]}: the input value of the stored byte v in channel c of the pattern-simulated volume whose
     * complete form has {@code histogram}, after the raw intensity change {@code jitter} (null = none).
     */
    private float[][] lookupTables(long[][] histogram, ModalityPattern pattern, double[][] jitter) {
        int channels = histogram.length;
        float[][] levels = new float[channels][256];
        long[][] counts = new long[channels][];
        for (int c = 0; c < channels; c++) {
            int source = channels == 3 ? pattern.sourceChannel(c) : c; // a copied channel stays an exact copy
            counts[c] = histogram[source];
            for (int v = 0; v < 256; v++) {
                levels[c][v] = jitter == null
                        ? v
                        : Math.min(255, Math.round((float)
                                (jitter[source][0] * 255 * Math.pow(v / 255.0, jitter[source][1]))));
            }
        }
        float[][] lut = new float[channels][256];
        if (normalization == Normalization.DIVIDE_BY_255) {
            for (int c = 0; c < channels; c++) {
                for (int v = 0; v < 256; v++) {
                    lut[c][v] = levels[c][v] / 255f;
                }
            }
        } else if (normalization == Normalization.PERCENTILE_ZSCORE) {
            IntensityStatistics s = IntensityStatistics.ofLevels(levels, counts);
            for (int c = 0; c < channels; c++) {
                for (int v = 0; v < 256; v++) {
                    lut[c][v] = s.normalize(levels[c][v], c);
                }
            }
        } else {
            throw new IllegalArgumentException("Training does not know normalization '" + normalization.id() + "'");
        }
        return lut;
    }

    private static float[] apply(SliceImage image, float[][] lut) {
        byte[] px = image.pixels();
        float[] out = new float[px.length];
        int plane = image.width() * image.height();
        for (int c = 0; c < image.channels(); c++) {
            float[] t = lut[c];
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                out[i] = t[px[i] & 0xFF];
            }
        }
        return out;
    }

    private long[][] volumeHistogram(SliceRecord r) throws LggDataException {
        long[][] h = histograms.get(r.patientId());
        if (h != null) {
            return h;
        }
        List<SliceRecord> volume = patients.get(r.patientId());
        if (volume == null) {
            return histogram(store.get(r).image()); // a slice without its patient: its own statistics
        }
        for (SliceRecord s : volume) {
            long[][] one = histogram(store.get(s).image());
            if (h == null) {
                h = one;
            } else {
                for (int c = 0; c < h.length; c++) {
                    for (int v = 0; v < 256; v++) {
                        h[c][v] += one[c][v];
                    }
                }
            }
        }
        histograms.put(r.patientId(), h);
        return h;
    }

    static long[][] histogram(SliceImage image) {
        long[][] h = new long[image.channels()][256];
        byte[] px = image.pixels();
        int plane = image.width() * image.height();
        for (int c = 0; c < image.channels(); c++) {
            long[] hc = h[c];
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                hc[px[i] & 0xFF]++;
            }
        }
        return h;
    }
}
