package io.github.braintumor.data;

import io.github.braintumor.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts that describe a data set: patients, slices, hospitals, slices per patient, tumour / non-tumour slices
 * overall, per hospital and per patient, and the mean tumour area. Computed from the index alone (the masks were
 * decoded once while indexing), so it is fast.
 *
 * <pre>{@code
 * DatasetOverview o = DatasetOverview.of(LggDataset.index(Path.of("kaggle_3m")));
 * System.out.println(o.describe());
 * o.writeCsv(Path.of("overview.csv"));                     // scope,key,value (long format)
 * o.writePerHospitalCsv(Path.of("overview-hospitals.csv")); // one row per hospital, then "all"
 * o.writePerPatientCsv(Path.of("overview-patients.csv"));   // one row per patient
 * }</pre>
 *
 * <p>Mean tumour area is in pixels, averaged over tumour slices whose area is known
 * ({@link SliceRecord#tumourArea()} not {@link SliceRecord#UNKNOWN_AREA}); it is 0 when there are none.
 */
public final class DatasetOverview {
    /** Scope of the whole data set in {@link #writeCsv(Path)} and {@link #writePerHospitalCsv(Path)}. */
    public static final String ALL = "all";

    /** Counts for one hospital (or {@link #ALL}). */
    public record Group(
            String name, int patients, int slices, int tumourSlices, int nonTumourSlices, double meanTumourArea) {
        /** @return tumour slices / slices (0 when there are no slices) */
        public double tumourFraction() {
            return slices == 0 ? 0 : (double) tumourSlices / slices;
        }
    }

    /** Counts for one patient; column names in {@link #writePerPatientCsv(Path)} follow the shared patients.csv. */
    public record PatientCounts(
            String patient, String hospital, int slices, int tumourSlices, long tumourArea, String modalities) {
        /** Counts without the modality pattern (images not read). */
        public PatientCounts(String patient, String hospital, int slices, int tumourSlices, long tumourArea) {
            this(patient, hospital, slices, tumourSlices, tumourArea, null);
        }
    }

    private final Group all;
    private final Map<String, Group> perHospital;
    private final List<PatientCounts> perPatient;
    private final int minSlices;
    private final double medianSlices;
    private final int maxSlices;

    private DatasetOverview(
            Group all,
            Map<String, Group> perHospital,
            List<PatientCounts> perPatient,
            int minSlices,
            double medianSlices,
            int maxSlices) {
        this.all = all;
        this.perHospital = perHospital;
        this.perPatient = perPatient;
        this.minSlices = minSlices;
        this.medianSlices = medianSlices;
        this.maxSlices = maxSlices;
    }

    /** Computes the overview of an indexed data set from the index alone (no modality patterns). */
    public static DatasetOverview of(LggDataset d) {
        try {
            return of(d, false);
        } catch (LggDataException e) {
            throw new IllegalStateException("unreachable: no image is read", e);
        }
    }

    /**
     * The overview plus each patient's {@link ModalityPattern} (complete, FLAIR-only, no-post, ...), which needs
     * every image read once.
     *
     * @throws LggDataException an unreadable image, named
     */
    public static DatasetOverview withModalities(LggDataset d) throws LggDataException {
        return of(d, true);
    }

    private static DatasetOverview of(LggDataset d, boolean modalities) throws LggDataException {
        List<PatientCounts> perPatient = new ArrayList<>();
        for (PatientRecord p : d.patients()) {
            long area = p.slices().stream()
                    .mapToLong(s -> Math.max(0, s.tumourArea()))
                    .sum();
            perPatient.add(new PatientCounts(
                    p.id(),
                    p.hospital(),
                    p.slices().size(),
                    p.tumourSliceCount(),
                    area,
                    modalities ? patternOf(p).id() : null));
        }
        TreeMap<String, List<PatientRecord>> byHospital = new TreeMap<>();
        d.patients()
                .forEach(p -> byHospital
                        .computeIfAbsent(p.hospital(), h -> new ArrayList<>())
                        .add(p));
        Map<String, Group> perHospital = new LinkedHashMap<>();
        byHospital.forEach((h, ps) -> perHospital.put(h, group(h, ps)));
        int[] sizes =
                d.patients().stream().mapToInt(p -> p.slices().size()).sorted().toArray();
        int n = sizes.length;
        double median = n % 2 == 1 ? sizes[n / 2] : (sizes[n / 2 - 1] + sizes[n / 2]) / 2.0;
        return new DatasetOverview(
                group(ALL, d.patients()),
                Collections.unmodifiableMap(perHospital),
                List.copyOf(perPatient),
                sizes[0],
                median,
                sizes[n - 1]);
    }

    private static ModalityPattern patternOf(PatientRecord p) throws LggDataException {
        List<ModalityPattern> patterns = new ArrayList<>();
        List<Boolean> signal = new ArrayList<>();
        for (SliceRecord s : p.slices()) {
            SliceImage image = LggTiff.readImage(s.image(), LggTiff.ANY_SIZE);
            patterns.add(ModalityPattern.of(image));
            signal.add(ModalityPattern.hasSignal(image));
        }
        return ModalityPattern.ofPatient(patterns, signal);
    }

    private static Group group(String name, List<PatientRecord> patients) {
        int slices = 0;
        int tumour = 0;
        long areaSum = 0;
        int areaCount = 0;
        for (PatientRecord p : patients) {
            for (SliceRecord s : p.slices()) {
                slices++;
                if (s.tumour()) {
                    tumour++;
                    if (s.tumourArea() != SliceRecord.UNKNOWN_AREA) {
                        areaSum += s.tumourArea();
                        areaCount++;
                    }
                }
            }
        }
        return new Group(
                name,
                patients.size(),
                slices,
                tumour,
                slices - tumour,
                areaCount == 0 ? 0 : (double) areaSum / areaCount);
    }

    public int patients() {
        return all.patients();
    }

    /** @return number of slices (image files) */
    public int slices() {
        return all.slices();
    }

    /** @return hospital codes, sorted */
    public List<String> hospitals() {
        return List.copyOf(perHospital.keySet());
    }

    public int tumourSlices() {
        return all.tumourSlices();
    }

    public int nonTumourSlices() {
        return all.nonTumourSlices();
    }

    /** @return mean tumour pixels per tumour slice */
    public double meanTumourArea() {
        return all.meanTumourArea();
    }

    public int minSlicesPerPatient() {
        return minSlices;
    }

    /** @return the median (mean of the two middle values for an even number of patients) */
    public double medianSlicesPerPatient() {
        return medianSlices;
    }

    public int maxSlicesPerPatient() {
        return maxSlices;
    }

    /** @return the whole data set's counts */
    public Group overall() {
        return all;
    }

    /** @return counts per hospital, sorted by code */
    public Map<String, Group> perHospital() {
        return perHospital;
    }

    /** @return counts per patient, sorted by id */
    public List<PatientCounts> perPatient() {
        return perPatient;
    }

    /**
     * Writes the overview in long format, one number per row: {@code scope,key,value}, where scope is {@code all}
     * or a hospital code. Keys: patients, slices, hospitals, slices_per_patient_min/median/max, tumour_slices,
     * non_tumour_slices, tumour_fraction, mean_tumour_area_px. Written atomically.
     */
    public void writeCsv(Path csv) throws IOException {
        StringBuilder sb = new StringBuilder("scope,key,value\n");
        row(sb, ALL, "patients", all.patients());
        row(sb, ALL, "slices", all.slices());
        row(sb, ALL, "hospitals", perHospital.size());
        row(sb, ALL, "slices_per_patient_min", minSlices);
        row(sb, ALL, "slices_per_patient_median", num(medianSlices));
        row(sb, ALL, "slices_per_patient_max", maxSlices);
        groupRows(sb, all);
        for (Group g : perHospital.values()) {
            row(sb, g.name(), "patients", g.patients());
            row(sb, g.name(), "slices", g.slices());
            groupRows(sb, g);
        }
        AtomicFiles.writeString(csv, sb.toString());
    }

    /**
     * Writes one row per hospital and a last row {@code all}: hospital, patients, slices, tumour_slices,
     * non_tumour_slices, tumour_fraction, mean_tumour_area_px. Written atomically.
     */
    public void writePerHospitalCsv(Path csv) throws IOException {
        StringBuilder sb = new StringBuilder(
                "hospital,patients,slices,tumour_slices,non_tumour_slices,tumour_fraction,mean_tumour_area_px\n");
        List<Group> rows = new ArrayList<>(perHospital.values());
        rows.add(all);
        for (Group g : rows) {
            sb.append(g.name())
                    .append(',')
                    .append(g.patients())
                    .append(',')
                    .append(g.slices())
                    .append(',')
                    .append(g.tumourSlices())
                    .append(',')
                    .append(g.nonTumourSlices())
                    .append(',')
                    .append(num(g.tumourFraction()))
                    .append(',')
                    .append(num(g.meanTumourArea()))
                    .append('\n');
        }
        AtomicFiles.writeString(csv, sb.toString());
    }

    /** Writes one row per patient: patient_folder, hospital, n_slices, n_tumour_slices, tumour_area_px. Atomic. */
    public void writePerPatientCsv(Path csv) throws IOException {
        boolean modalities = !perPatient.isEmpty() && perPatient.get(0).modalities() != null;
        StringBuilder sb = new StringBuilder("patient_folder,hospital,n_slices,n_tumour_slices,tumour_area_px"
                + (modalities ? ",modalities" : "") + "\n");
        for (PatientCounts p : perPatient) {
            sb.append(p.patient())
                    .append(',')
                    .append(p.hospital())
                    .append(',')
                    .append(p.slices())
                    .append(',')
                    .append(p.tumourSlices())
                    .append(',')
                    .append(p.tumourArea());
            if (modalities) sb.append(',').append(p.modalities());
            sb.append('\n');
        }
        AtomicFiles.writeString(csv, sb.toString());
    }

    /** @return a plain-text summary, a few lines, for logs and dialogs */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "%d patients, %d slices, %d hospitals (%s)%n",
                all.patients(),
                all.slices(),
                perHospital.size(),
                String.join(", ", perHospital.keySet())));
        sb.append(String.format(
                Locale.ROOT,
                "slices per patient: min %d, median %s, max %d%n",
                minSlices,
                num(medianSlices),
                maxSlices));
        sb.append(String.format(
                Locale.ROOT,
                "tumour slices: %d (%.1f%%), without tumour: %d; mean tumour area %.1f px%n",
                all.tumourSlices(),
                100 * all.tumourFraction(),
                all.nonTumourSlices(),
                all.meanTumourArea()));
        for (Group g : perHospital.values()) {
            sb.append(String.format(
                    Locale.ROOT,
                    "  %-3s %3d patients, %4d slices, %4d tumour, %4d without%n",
                    g.name(),
                    g.patients(),
                    g.slices(),
                    g.tumourSlices(),
                    g.nonTumourSlices()));
        }
        if (!perPatient.isEmpty() && perPatient.get(0).modalities() != null) {
            Map<String, Integer> n = new TreeMap<>();
            perPatient.forEach(p -> n.merge(p.modalities(), 1, Integer::sum));
            sb.append("modalities per patient: ")
                    .append(n.toString().replaceAll("[{}]", "").replace('=', ' '))
                    .append(String.format(Locale.ROOT, "%n"));
            for (PatientCounts p : perPatient) {
                if (!"complete".equals(p.modalities())) {
                    sb.append(String.format(Locale.ROOT, "  %s: %s%n", p.patient(), p.modalities()));
                }
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    private static void groupRows(StringBuilder sb, Group g) {
        row(sb, g.name(), "tumour_slices", g.tumourSlices());
        row(sb, g.name(), "non_tumour_slices", g.nonTumourSlices());
        row(sb, g.name(), "tumour_fraction", num(g.tumourFraction()));
        row(sb, g.name(), "mean_tumour_area_px", num(g.meanTumourArea()));
    }

    private static void row(StringBuilder sb, String scope, String key, Object value) {
        sb.append(scope).append(',').append(key).append(',').append(value).append('\n');
    }

    /** Integers without decimals, other values with 4 (locale-independent, so spreadsheets parse them). */
    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
