package io.github.braintumor.eval;

import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.metrics.Confusion;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One patient's evaluation as numbers, what {@link PatientScorer#score} returns and
 * {@link Evaluation#combine} adds up: per slice the pixel counts of every post-processing variant, the maximum
 * probability, the classifier's probability and the threshold-sweep counts, plus the few predicted masks that may
 * become overlay pictures. Serializable and free of file handles, so a worker on another machine can send it;
 * combining the scores of the patients in order gives exactly the files of {@link Evaluation#run()}.
 *
 * <pre>{@code
 * try (PatientScorer s = Evaluation.forCohort(Path.of("kaggle_3m")).optUnet(unet).buildScorer()) {
 *     PatientScores one = s.score(LggDataset.index(patientFolder).patients().get(0));
 * }
 * }</pre>
 *
 * @param patient      patient id
 * @param hospital     its hospital code
 * @param slices       the slice records, in order, without pixels
 * @param confusions   per slice: tp, fp, fn, tn of variant 0, then of variant 1, ... ({@link Evaluation} variants)
 * @param maxProbability per slice, NaN without a UNet
 * @param classifierProbability per slice, or null without a classifier
 * @param modalities   the volume's modality pattern id, or null when no image was read
 * @param sweepCounts  per slice {@link io.github.braintumor.metrics.ThresholdSweep#sliceCounts}, or null without a UNet
 * @param exampleMasks slice index to the selected variant's mask, for the slices that may be drawn as examples
 */
public record PatientScores(
        String patient,
        String hospital,
        List<Slice> slices,
        long[][] confusions,
        double[] maxProbability,
        double[] classifierProbability,
        String modalities,
        long[][] sweepCounts,
        Map<Integer, byte[]> exampleMasks)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A slice record as plain values (paths as strings: a worker's paths mean nothing elsewhere). */
    public record Slice(int number, String image, String mask, boolean tumour, double position, long tumourArea)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        static Slice of(SliceRecord r) {
            return new Slice(
                    r.sliceNumber(),
                    r.image().toString(),
                    r.mask().toString(),
                    r.tumour(),
                    r.position(),
                    r.tumourArea());
        }
    }

    public PatientScores {
        slices = List.copyOf(slices);
        exampleMasks = new TreeMap<>(exampleMasks);
    }

    /** @return the slice's counts of one variant */
    public Confusion confusion(int slice, int variant) {
        long[] c = confusions[slice];
        return new Confusion(c[4 * variant], c[4 * variant + 1], c[4 * variant + 2], c[4 * variant + 3]);
    }

    /**
     * The patient record again, its file paths passed through {@code files} (e.g. from a worker's temporary copy
     * to where the driver can read them); clinical data is not carried.
     */
    public PatientRecord record(Function<String, Path> files) {
        List<SliceRecord> out = new ArrayList<>(slices.size());
        for (Slice s : slices) {
            out.add(new SliceRecord(
                    patient,
                    hospital,
                    s.number(),
                    files.apply(s.image()),
                    files.apply(s.mask()),
                    s.tumour(),
                    s.position(),
                    s.tumourArea()));
        }
        return new PatientRecord(patient, hospital, out, Map.of());
    }

    /** The record with its paths as they were where it was scored. */
    public PatientRecord record() {
        return record(Path::of);
    }

    static PatientScores of(
            PatientRecord p,
            Confusion[][] byVariant,
            double[] maxProbability,
            double[] classifier,
            String modalities,
            long[][] sweep,
            Map<Integer, byte[]> examples) {
        long[][] c = new long[byVariant.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = new long[4 * byVariant[i].length];
            for (int v = 0; v < byVariant[i].length; v++) {
                Confusion x = byVariant[i][v];
                c[i][4 * v] = x.tp();
                c[i][4 * v + 1] = x.fp();
                c[i][4 * v + 2] = x.fn();
                c[i][4 * v + 3] = x.tn();
            }
        }
        return new PatientScores(
                p.id(),
                p.hospital(),
                p.slices().stream().map(Slice::of).toList(),
                c,
                maxProbability,
                classifier,
                modalities,
                sweep,
                examples);
    }

    @Override
    public String toString() {
        long masks = 0;
        for (Entry<Integer, byte[]> e : exampleMasks.entrySet()) masks += e.getValue().length;
        return "PatientScores[" + patient + ", " + slices.size() + " slices, " + exampleMasks.size()
                + " example masks (" + masks + " bytes)]";
    }
}
