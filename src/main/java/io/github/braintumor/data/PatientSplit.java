package io.github.braintumor.data;

import io.github.braintumor.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Assigns each patient (never single slices: neighbouring slices of one patient are nearly identical) to train,
 * validation or test, stratified by hospital, reproducibly from a seed.
 *
 * <p>Per hospital, the patient ids are sorted, shuffled with a {@link Random} seeded from {@code seed} (hospitals
 * are processed in sorted order, sharing that generator), then the first {@code round(n*test)} go to test, the
 * next {@code round(n*validation)} to validation, the rest to train. A hospital with at least 3 patients gives
 * validation and test at least one patient each when their fraction is above 0; with fewer patients, rounding
 * may give them none (small hospitals land in train).
 *
 * <pre>{@code
 * LggDataset d = LggDataset.index(Path.of("kaggle_3m"));
 * PatientSplit split = PatientSplit.create(d, 0.7, 0.15, 0.15, 42);
 * split.write(Path.of("split.csv"));                        // patient,hospital,part
 * List<SliceRecord> train = split.slices(d, SplitPart.TRAIN);
 * PatientSplit again = PatientSplit.read(Path.of("split.csv"));
 * }</pre>
 */
public final class PatientSplit {
    private static final String HEADER = "patient,hospital,part";

    private final Map<String, SplitPart> parts; // patient -> part, sorted by patient
    private final Map<String, String> hospitals; // patient -> hospital

    private PatientSplit(Map<String, SplitPart> parts, Map<String, String> hospitals) {
        this.parts = Collections.unmodifiableMap(new TreeMap<>(parts));
        this.hospitals = Collections.unmodifiableMap(new TreeMap<>(hospitals));
    }

    /**
     * Splits the data set's patients.
     *
     * @param train      fraction of each hospital's patients for training
     * @param validation fraction for validation
     * @param test       fraction for test
     * @param seed       the same seed and data set always give the same split
     * @throws IllegalArgumentException when a fraction is negative or they do not sum to 1
     */
    public static PatientSplit create(LggDataset d, double train, double validation, double test, long seed) {
        if (train < 0 || validation < 0 || test < 0 || Math.abs(train + validation + test - 1) > 1e-6) {
            throw new IllegalArgumentException("split fractions must be >= 0 and sum to 1, got train=" + train
                    + " validation=" + validation + " test=" + test);
        }
        TreeMap<String, List<String>> byHospital = new TreeMap<>();
        Map<String, String> hospitals = new LinkedHashMap<>();
        for (PatientRecord p : d.patients()) {
            byHospital.computeIfAbsent(p.hospital(), h -> new ArrayList<>()).add(p.id());
            hospitals.put(p.id(), p.hospital());
        }
        Random random = new Random(seed);
        Map<String, SplitPart> parts = new LinkedHashMap<>();
        for (List<String> ids : byHospital.values()) {
            Collections.sort(ids); // shuffle from a fixed order: the split must not depend on listing order
            Collections.shuffle(ids, random);
            int[] counts = counts(ids.size(), validation, test);
            for (int i = 0; i < ids.size(); i++) {
                SplitPart part = i < counts[1]
                        ? SplitPart.TEST
                        : i < counts[1] + counts[0] ? SplitPart.VALIDATION : SplitPart.TRAIN;
                parts.put(ids.get(i), part);
            }
        }
        return new PatientSplit(parts, hospitals);
    }

    /** @return {validation count, test count} for a hospital of n patients */
    static int[] counts(int n, double validation, double test) {
        int nVal = (int) Math.round(n * validation);
        int nTest = (int) Math.round(n * test);
        if (n >= 3) {
            if (validation > 0) {
                nVal = Math.max(1, nVal);
            }
            if (test > 0) {
                nTest = Math.max(1, nTest);
            }
        }
        while (nVal + nTest > n) { // rounding both up can overshoot: take from the larger
            if (nVal >= nTest) {
                nVal--;
            } else {
                nTest--;
            }
        }
        return new int[] {nVal, nTest};
    }

    /**
     * Reads a split written by {@link #write(Path)} (header {@code patient,hospital,part}; part is train,
     * validation or test in any case).
     *
     * @throws LggDataException naming the file and line for a bad header, row, part or repeated patient
     */
    public static PatientSplit read(Path csv) throws IOException {
        Map<String, SplitPart> parts = new LinkedHashMap<>();
        Map<String, String> hospitals = new LinkedHashMap<>();
        CsvLines table = CsvLines.read(csv);
        String header = table.header();
        if (header == null || !header.replace("\uFEFF", "").trim().equalsIgnoreCase(HEADER)) {
            throw new LggDataException(
                    csv, "not a patient split: the first line must be '" + HEADER + "', got '" + header + "'.");
        }
        for (CsvLines.Row row : table.rows()) {
            int lineNo = row.lineNumber();
            String[] cells = row.cells();
            if (cells.length != 3 || cells[0].isEmpty()) {
                throw new LggDataException(
                        csv, "line " + lineNo + " '" + row.text() + "' should have 3 cells: " + HEADER);
            }
            SplitPart part;
            try {
                part = SplitPart.parse(cells[2]);
            } catch (IllegalArgumentException e) {
                throw new LggDataException(csv, "line " + lineNo + ": " + e.getMessage());
            }
            if (parts.put(cells[0], part) != null) {
                throw new LggDataException(csv, "line " + lineNo + ": patient " + cells[0] + " appears twice.");
            }
            hospitals.put(cells[0], cells[1]);
        }
        return new PatientSplit(parts, hospitals);
    }

    /** Writes {@code patient,hospital,part} rows sorted by patient, atomically. */
    public void write(Path csv) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        parts.forEach((id, part) -> sb.append(id)
                .append(',')
                .append(hospitals.get(id))
                .append(',')
                .append(part.csvName())
                .append('\n'));
        AtomicFiles.writeString(csv, sb.toString());
    }

    /** @return the patients of one part, sorted */
    public List<String> patients(SplitPart part) {
        return parts.entrySet().stream()
                .filter(e -> e.getValue() == part)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** @return every patient in the split, sorted */
    public List<String> patients() {
        return List.copyOf(parts.keySet());
    }

    /** @throws IllegalArgumentException when the patient is not in this split */
    public SplitPart partOf(String patientId) {
        SplitPart p = parts.get(patientId);
        if (p == null) {
            throw new IllegalArgumentException("patient '" + patientId + "' is not in this split (" + parts.size()
                    + " patients); make a new split for this data set");
        }
        return p;
    }

    /** @return the hospital recorded for the patient */
    public String hospitalOf(String patientId) {
        partOf(patientId);
        return hospitals.get(patientId);
    }

    /** @return number of patients per part (every part present, possibly 0) */
    public Map<SplitPart, Integer> sizes() {
        Map<SplitPart, Integer> m = new EnumMap<>(SplitPart.class);
        for (SplitPart p : SplitPart.values()) {
            m.put(p, 0);
        }
        parts.values().forEach(p -> m.merge(p, 1, Integer::sum));
        return m;
    }

    /**
     * The data set's slices of one part, in data-set order.
     *
     * @throws IllegalArgumentException when the split and the data set do not hold the same patients (a split made
     *                                  for other data would silently mix train and test)
     */
    public List<SliceRecord> slices(LggDataset d, SplitPart part) {
        List<String> missing = d.patients().stream()
                .map(PatientRecord::id)
                .filter(id -> !parts.containsKey(id))
                .toList();
        List<String> extra = parts.keySet().stream()
                .filter(id -> {
                    try {
                        d.patient(id);
                        return false;
                    } catch (IllegalArgumentException e) {
                        return true;
                    }
                })
                .toList();
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new IllegalArgumentException("split does not match data set " + d.root() + ": "
                    + (missing.isEmpty()
                            ? ""
                            : missing.size() + " patient(s) not in the split, e.g. " + missing.get(0) + "; ")
                    + (extra.isEmpty()
                            ? ""
                            : extra.size() + " split patient(s) not in the data set, e.g. " + extra.get(0) + "; ")
                    + "make a new split for this data set");
        }
        return d.slices().stream().filter(s -> parts.get(s.patientId()) == part).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PatientSplit s && s.parts.equals(parts) && s.hospitals.equals(hospitals);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        return "PatientSplit" + sizes();
    }
}
