package io.github.braintumor.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An index of LGG slices on disk in the Kaggle layout: {@code kaggle_3m/<patient>/<patient>_<n>.tif} with
 * {@code <patient>_<n>_mask.tif}, plus an optional {@code kaggle_3m/data.csv}.
 *
 * <p>{@link #index(Path)} accepts the {@code kaggle_3m} folder itself, any folder of patient folders, a parent
 * folder holding {@code kaggle_3m}, or a single patient folder (a data set of one patient). Indexing decodes every
 * mask once (to know {@link SliceRecord#tumour()} and {@link SliceRecord#tumourArea()}) but keeps no pixels; of each
 * image it reads the header bytes only (so a mask of another size, a cut-off or non-TIFF image is found up front).
 * {@link #validate()} additionally checks every image's size, channels and bit depth. A copied patient folder is
 * refused ({@link #index(Path)}); {@link #indexImages(Path)} indexes unlabelled data (no masks).
 *
 * <p>Naming: patient id = folder name; hospital = the two characters after {@code TCGA_} ({@value #UNKNOWN_HOSPITAL}
 * for other names); slice number = the {@code <n>} before {@code .tif} / {@code _mask.tif}, sorted as a number;
 * the data.csv key is the patient id without its trailing {@code _<8-digit date>} (e.g. {@code TCGA_CS_4942}).
 *
 * <pre>{@code
 * LggDataset d = LggDataset.index(Path.of("/data/lgg-mri-segmentation"));   // finds kaggle_3m inside
 * d.validate();                                                            // optional: check every image header
 * System.out.println(d.patients().size() + " patients, " + d.slices().size() + " slices");
 * SliceImage img = d.slices().get(0).readImage();
 * }</pre>
 */
public final class LggDataset {
    /** Name of the Kaggle data folder. */
    public static final String KAGGLE_FOLDER = "kaggle_3m";

    /** Licence of the LGG data set (Buda et al., from TCIA's TCGA-LGG), and so of weights trained on it. */
    public static final String LICENSE = "CC-BY-NC-SA-4.0";

    /**
     * Whether patient ids are those of the LGG data set ({@code TCGA_<hospital>_<id>_<date>}, none a phantom's): the
     * test of whether a model was trained on it, and so carries its licence and citation.
     */
    public static boolean isLggCohort(List<String> patients) {
        return patients != null
                && !patients.isEmpty()
                && patients.stream()
                        .allMatch(p ->
                                p.matches("TCGA_[A-Z0-9]{2}_[A-Z0-9]{4}_\\d{8}") && !PhantomGenerator.isPhantomId(p));
    }
    /** Name of the clinical table inside the data folder. */
    public static final String CLINICAL_CSV = "data.csv";
    /** Hospital code of a patient folder whose name does not start with {@code TCGA_<two characters>_}. */
    public static final String UNKNOWN_HOSPITAL = "??";

    private static final Pattern HOSPITAL = Pattern.compile("TCGA_([A-Za-z0-9]{2})_.*");
    private static final Pattern DATE_SUFFIX = Pattern.compile("(.*)_\\d{8}");
    private static final Pattern SLICE = Pattern.compile("(?i)(.*)_(\\d+)(_mask)?\\.tiff?");
    private static final String EXPECTED_LAYOUT = "Expected kaggle_3m/<patient>/<patient>_<n>.tif with "
            + "<patient>_<n>_mask.tif (a kaggle_3m folder, a folder of patient folders, or the folder holding kaggle_3m).";

    private final Path root;
    private final List<PatientRecord> patients;
    private final List<SliceRecord> slices;
    private final Map<String, PatientRecord> byId;

    private LggDataset(Path root, List<PatientRecord> patients) {
        this.root = root;
        this.patients = List.copyOf(patients);
        this.slices = patients.stream().flatMap(p -> p.slices().stream()).toList();
        Map<String, PatientRecord> m = new LinkedHashMap<>();
        patients.forEach(p -> m.put(p.id(), p));
        this.byId = Collections.unmodifiableMap(m);
    }

    /**
     * Indexes a data folder (see the class comment for accepted layouts).
     *
     * @throws LggDataException naming the file or folder for: a missing folder, no patient folders, an image
     *                          without mask or mask without image, a {@code .tif} not named {@code ..._<n>.tif},
     *                          two files with the same slice number, an unreadable or non-binary mask, or a
     *                          malformed data.csv
     */
    public static LggDataset index(Path folder) throws LggDataException {
        return index(folder, true);
    }

    /**
     * Indexes the images of a data folder for inference: masks are neither needed nor read (unlabelled data), and
     * every slice's {@link SliceRecord#mask()} is its mask file when there is one, else null, with
     * {@link SliceRecord#tumour()} false. The other checks are those of {@link #index(Path)}.
     */
    public static LggDataset indexImages(Path folder) throws LggDataException {
        return index(folder, false);
    }

    private static LggDataset index(Path folder, boolean labelled) throws LggDataException {
        Path root = findRoot(folder);
        List<Path> patientDirs = patientFolders(root);
        if (patientDirs.isEmpty()) {
            throw new LggDataException(folder, "no patient folders with .tif slices found. " + EXPECTED_LAYOUT);
        }
        refuseCopies(patientDirs);
        Map<String, Map<String, String>> clinical = readClinical(root, folder);
        List<PatientRecord> patients = new ArrayList<>();
        for (Path dir : patientDirs) {
            patients.add(indexPatient(dir, clinical, labelled));
        }
        return new LggDataset(root, patients);
    }

    /**
     * A copied patient folder (say {@code TCGA_CS_4942_19970222 copy}) keeps the slice names of the original: when
     * its files are named after another patient folder of the data set, that patient would count twice (and could
     * land in training and validation at once), so the copy is refused, naming both folders.
     */
    private static void refuseCopies(List<Path> patientDirs) throws LggDataException {
        Map<String, Path> byName = new LinkedHashMap<>();
        patientDirs.forEach(d -> byName.put(d.getFileName().toString(), d));
        for (Path dir : patientDirs) {
            // slice number -> the names it appears under (images only; a mask shares its image's name)
            Map<String, Set<String>> namesByNumber = new TreeMap<>();
            Set<String> names = new TreeSet<>();
            for (Path f : list(dir)) {
                Matcher m = SLICE.matcher(f.getFileName().toString());
                if (!isTif(f) || !m.matches() || m.group(3) != null) continue;
                names.add(m.group(1));
                namesByNumber.computeIfAbsent(m.group(2), k -> new TreeSet<>()).add(m.group(1));
            }
            for (var e : namesByNumber.entrySet()) {
                if (e.getValue().size() > 1) { // two slices claim one position: two volumes were mixed
                    List<String> two = new ArrayList<>(e.getValue()).subList(0, 2);
                    throw new LggDataException(
                            dir,
                            "holds slices of two volumes: " + two.get(0) + "_" + e.getKey()
                                    + ".tif and " + two.get(1) + "_" + e.getKey() + ".tif both claim slice "
                                    + e.getKey()
                                    + ". Put each patient's slices in a folder of its own.");
                }
            }
            if (names.size() != 1) continue; // several names without a clash: no single patient to compare
            String owner = names.iterator().next();
            String name = dir.getFileName().toString();
            if (!owner.equals(name) && byName.containsKey(owner)) {
                throw new LggDataException(
                        dir,
                        "holds the slices of patient " + owner + " (its files are named "
                                + owner + "_<n>.tif), which is also the folder " + byName.get(owner)
                                + ": the same patient"
                                + " would count twice. Remove the copy, or rename its files after the folder.");
            }
        }
    }

    /** @return the patients sorted by id */
    public List<PatientRecord> patients() {
        return patients;
    }

    /** @return all slices, patient by patient (sorted by id), each patient's in numeric order */
    public List<SliceRecord> slices() {
        return slices;
    }

    /** @throws IllegalArgumentException when no patient has this id */
    public PatientRecord patient(String id) {
        PatientRecord p = byId.get(id);
        if (p == null) {
            throw new IllegalArgumentException("no patient '" + id + "' in " + root + " (" + patients.size()
                    + " patients, e.g. " + patients.get(0).id() + ")");
        }
        return p;
    }

    /** @return the folder holding the patient folders (the {@code kaggle_3m} folder in the Kaggle layout) */
    public Path root() {
        return root;
    }

    /** @return hospital codes present, sorted */
    public List<String> hospitals() {
        return patients.stream()
                .map(PatientRecord::hospital)
                .distinct()
                .sorted()
                .toList();
    }

    /** Checks every image header (256x256, 8-bit, 1 or 3 channels); see {@link #validate(int)}. */
    public void validate() throws LggDataException {
        validate(LggTiff.LGG_SIZE);
    }

    /**
     * Reads every image's header (not its pixels) and checks size, bit depth (8, or 16/32 scaled per volume) and
     * channel count; masks were decoded
     * while indexing and are checked for the same size here.
     *
     * @param expectedSize required width and height, or {@link LggTiff#ANY_SIZE}
     * @throws LggDataException naming the first bad file
     */
    public void validate(int expectedSize) throws LggDataException {
        for (SliceRecord s : slices) {
            TiffInfo img = LggTiff.readInfo(s.image());
            if (expectedSize > 0 && (img.width() != expectedSize || img.height() != expectedSize)) {
                throw new LggDataException(
                        s.image(),
                        "image is " + img.width() + "x" + img.height() + ", expected "
                                + expectedSize + "x" + expectedSize
                                + ". Images are never resized silently: resize them "
                                + "explicitly first, or pass the expected size as an option.");
            }
            int bits = img.bitsPerSample();
            if (bits != 8 && bits != 16 && bits != 32) {
                throw new LggDataException(
                        s.image(),
                        "image has " + bits + "-bit samples, expected 8-bit unsigned (or 16/32-bit, scaled per"
                                + " volume). Convert it to 8-bit first.");
            }
            // a 16/32-bit slice may hold its 3 channels as 3 single-band pages (LggTiff.readPlanes)
            if (img.channels() != 3 && img.channels() != 1) {
                throw new LggDataException(
                        s.image(),
                        "image has " + img.channels() + " channels, expected 3 "
                                + "(pre-contrast, FLAIR, post-contrast) or 1 (FLAIR only).");
            }
            TiffInfo mask = LggTiff.readInfo(s.mask());
            if (mask.width() != img.width() || mask.height() != img.height()) {
                throw new LggDataException(
                        s.mask(),
                        "mask is " + mask.width() + "x" + mask.height() + " but its image "
                                + s.image().getFileName() + " is " + img.width() + "x" + img.height() + ".");
            }
        }
    }

    /** @return the hospital code of a patient folder name: {@code TCGA_CS_4942_19970222} gives {@code CS} */
    public static String hospitalOf(String patientId) {
        Matcher m = HOSPITAL.matcher(patientId);
        return m.matches() ? m.group(1).toUpperCase(Locale.ROOT) : UNKNOWN_HOSPITAL;
    }

    /** @return the data.csv key of a patient folder name: {@code TCGA_CS_4942_19970222} gives {@code TCGA_CS_4942} */
    public static String clinicalKeyOf(String patientId) {
        Matcher m = DATE_SUFFIX.matcher(patientId);
        return m.matches() ? m.group(1) : patientId;
    }

    @Override
    public String toString() {
        return "LggDataset[" + root + ", " + patients.size() + " patients, " + slices.size() + " slices]";
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Path findRoot(Path folder) throws LggDataException {
        if (!Files.isDirectory(folder)) {
            throw new LggDataException(folder, "folder not found. " + EXPECTED_LAYOUT);
        }
        Path kaggle = folder.resolve(KAGGLE_FOLDER);
        if (Files.isDirectory(kaggle)) {
            return kaggle;
        }
        // Kaggle's zip unpacks to lgg-mri-segmentation/kaggle_3m; accept one more level for that folder.
        Path nested = folder.resolve("lgg-mri-segmentation").resolve(KAGGLE_FOLDER);
        return Files.isDirectory(nested) ? nested : folder;
    }

    /** Patient folders of root, sorted; root itself when it directly holds slices (a single patient). */
    private static List<Path> patientFolders(Path root) throws LggDataException {
        if (hasTifs(root)) {
            return List.of(root);
        }
        List<Path> dirs = new ArrayList<>();
        for (Path p : list(root)) {
            String name = p.getFileName().toString();
            if (Files.isDirectory(p) && !name.startsWith(".") && !name.equals("__MACOSX") && hasTifs(p)) {
                dirs.add(p);
            }
        }
        dirs.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return dirs;
    }

    private static boolean hasTifs(Path dir) throws LggDataException {
        for (Path p : list(dir)) {
            if (isTif(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTif(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && (n.endsWith(".tif") || n.endsWith(".tiff")) && Files.isRegularFile(p);
    }

    private static List<Path> list(Path dir) throws LggDataException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new LggDataException(dir, "cannot list the folder: " + e.getMessage(), e);
        }
    }

    private static PatientRecord indexPatient(Path dir, Map<String, Map<String, String>> clinical, boolean labelled)
            throws LggDataException {
        String id = dir.getFileName().toString();
        String hospital = hospitalOf(id);
        TreeMap<Integer, Path> images = new TreeMap<>();
        TreeMap<Integer, Path> masks = new TreeMap<>();
        for (Path f : list(dir)) {
            if (!isTif(f)) {
                continue;
            }
            Matcher m = SLICE.matcher(f.getFileName().toString());
            if (!m.matches()) {
                throw new LggDataException(
                        f,
                        "TIFF name does not end in _<n>.tif or _<n>_mask.tif, so its slice "
                                + "number is unknown. Rename it, or move it out of the patient folder. "
                                + EXPECTED_LAYOUT);
            }
            int n;
            try {
                n = Integer.parseInt(m.group(2));
            } catch (NumberFormatException e) {
                throw new LggDataException(f, "slice number " + m.group(2) + " is too large.");
            }
            TreeMap<Integer, Path> target = m.group(3) == null ? images : masks;
            Path previous = target.put(n, f);
            if (previous != null) {
                throw new LggDataException(
                        f,
                        "duplicate slice number " + n + ": " + previous.getFileName()
                                + " has the same number. Keep one of them.");
            }
        }
        if (!labelled) {
            List<SliceRecord> slices = new ArrayList<>();
            int i = 0;
            for (Map.Entry<Integer, Path> e : images.entrySet()) {
                double position = images.size() == 1 ? 0 : (double) i++ / (images.size() - 1);
                slices.add(new SliceRecord(
                        id, hospital, e.getKey(), e.getValue(), masks.get(e.getKey()), false, position, 0));
            }
            if (slices.isEmpty()) {
                throw new LggDataException(dir, "holds only masks (_mask.tif), no images to read.");
            }
            return new PatientRecord(id, hospital, slices, clinical.getOrDefault(clinicalKeyOf(id), Map.of()));
        }
        for (Map.Entry<Integer, Path> e : images.entrySet()) {
            if (!masks.containsKey(e.getKey())) {
                throw new LggDataException(
                        e.getValue(),
                        "image has no mask (expected a file named like " + maskNameFor(e.getValue())
                                + " in the same folder).");
            }
        }
        for (Map.Entry<Integer, Path> e : masks.entrySet()) {
            if (!images.containsKey(e.getKey())) {
                throw new LggDataException(
                        e.getValue(),
                        "mask has no image (expected a file named like "
                                + e.getValue().getFileName().toString().replaceFirst("(?i)_mask(\\.tiff?)$", "$1")
                                + " in the same folder).");
            }
        }
        List<SliceRecord> slices = new ArrayList<>();
        int count = images.size();
        int i = 0;
        for (Map.Entry<Integer, Path> e : images.entrySet()) {
            Path mask = masks.get(e.getKey());
            SliceMask m = LggTiff.readMask(mask, LggTiff.ANY_SIZE);
            TiffHeader.Page image = TiffHeader.checkHeader(e.getValue()); // header only: a mismatch is found up front
            if (image != null && (image.width() != m.width() || image.height() != m.height())) {
                throw new LggDataException(
                        mask,
                        "mask is " + m.width() + "x" + m.height() + " but its image "
                                + e.getValue().getFileName() + " is " + image.width() + "x" + image.height()
                                + ": every mask must have its image's size.");
            }
            long area = m.area();
            double position = count == 1 ? 0 : (double) i / (count - 1);
            slices.add(new SliceRecord(id, hospital, e.getKey(), e.getValue(), mask, area > 0, position, area));
            i++;
        }
        return new PatientRecord(id, hospital, slices, clinical.getOrDefault(clinicalKeyOf(id), Map.of()));
    }

    private static String maskNameFor(Path image) {
        return image.getFileName().toString().replaceFirst("(?i)(\\.tiff?)$", "_mask$1");
    }

    /** data.csv rows keyed by their first column; looked for in root, then in the folder the user gave. */
    private static Map<String, Map<String, String>> readClinical(Path root, Path given) throws LggDataException {
        Path csv = root.resolve(CLINICAL_CSV);
        if (!Files.isRegularFile(csv)) {
            csv = given.resolve(CLINICAL_CSV);
            if (!Files.isRegularFile(csv)) {
                return Map.of();
            }
        }
        CsvLines table;
        try {
            table = CsvLines.read(csv);
        } catch (IOException e) {
            throw new LggDataException(csv, "cannot read the clinical table: " + e.getMessage(), e);
        }
        if (table.header() == null) {
            return Map.of();
        }
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        String[] header = CsvLines.split(table.header());
        for (CsvLines.Row line : table.rows()) {
            String[] cells = line.cells();
            if (cells.length > header.length) {
                throw new LggDataException(
                        csv,
                        "line " + line.lineNumber() + " has " + cells.length + " cells but the header has "
                                + header.length + " columns.");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], c < cells.length ? cells[c] : "");
            }
            rows.put(cells[0], row);
        }
        return rows;
    }
}
