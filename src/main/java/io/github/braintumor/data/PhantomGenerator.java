package io.github.braintumor.data;

import io.github.braintumor.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Makes synthetic "patients" in the Kaggle LGG layout, for tests and demos: a head-like ellipse with smooth
 * 3-channel texture (pre-contrast, FLAIR, post-contrast differ), a brighter rim, a darker centre, and a wobbly
 * ellipsoid tumour, brighter in FLAIR, in a contiguous run of slices, with matching 0/255 masks. Everything follows
 * from the seed: the same settings always give the same bytes.
 *
 * <p>By construction each patient has {@link #tumourSliceCount(int)} tumour slices in one run; with 3 or more
 * slices the first and last slice of every patient are tumour-free. Patient {@code i} (0-based) is named
 * {@code TCGA_<HH>_<9001+i>_<date>} with hospital {@code HH} = hospitals[i % hospitals.size()], and has a row in
 * {@code kaggle_3m/data.csv} keyed {@code TCGA_<HH>_<9001+i>}.
 *
 * <pre>{@code
 * PhantomGenerator.builder().optSeed(42).optPatients(4).optSlicesPerPatient(8).optSize(256).build()
 *         .write(Path.of("/tmp/phantoms"));                  // -> /tmp/phantoms/kaggle_3m/TCGA_CS_9001_20000101/...
 * LggDataset d = LggDataset.index(Path.of("/tmp/phantoms"));
 * PhantomGenerator.PhantomSlice one = PhantomGenerator.slice(7, 256, true);   // in memory, for tests
 * }</pre>
 *
 * <p>{@link #main(String[])} regenerates the project's {@code test-data/} folder.
 */
public final class PhantomGenerator {
    /** First number used in phantom patient names, far from real TCGA ids. */
    public static final int FIRST_PATIENT_NUMBER = 9001;

    /**
     * Whether a patient id is one this generator makes ({@code TCGA_<hospital>_<9001 + i>_<date>}): a real TCGA id
     * never has a number in that range.
     */
    public static boolean isPhantomId(String patient) {
        String[] p = patient.split("_");
        try {
            return p.length >= 3 && p[0].equals("TCGA") && Integer.parseInt(p[2]) >= FIRST_PATIENT_NUMBER;
        } catch (NumberFormatException e) {
            return false; // e.g. TCGA_DU_A5TY: a real id
        }
    }

    /** One slice in memory: image (3 channels) and its mask. */
    public record PhantomSlice(SliceImage image, SliceMask mask) {}

    private final long seed;
    private final int patients;
    private final int slicesPerPatient;
    private final int size;
    private final List<String> hospitals;
    private final LggTiff.Compression compression;

    private PhantomGenerator(Builder b) {
        this.seed = b.seed;
        this.patients = b.patients;
        this.slicesPerPatient = b.slicesPerPatient;
        this.size = b.size;
        this.hospitals = List.copyOf(b.hospitals);
        this.compression = b.compression;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings; all optional. */
    public static final class Builder {
        private long seed = 42;
        private int patients = 4;
        private int slicesPerPatient = 8;
        private int size = LggTiff.LGG_SIZE;
        private List<String> hospitals = List.of("CS", "DU", "HT");
        private LggTiff.Compression compression = LggTiff.Compression.DEFLATE;

        /** Default 42. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Default 4. */
        public Builder optPatients(int patients) {
            if (patients < 1) {
                throw new IllegalArgumentException("patients must be >= 1, got " + patients);
            }
            this.patients = patients;
            return this;
        }

        /** Default 8. */
        public Builder optSlicesPerPatient(int slices) {
            if (slices < 1) {
                throw new IllegalArgumentException("slices per patient must be >= 1, got " + slices);
            }
            this.slicesPerPatient = slices;
            return this;
        }

        /** Width and height, default 256 (the LGG size). */
        public Builder optSize(int size) {
            if (size < 16) {
                throw new IllegalArgumentException("size must be >= 16, got " + size);
            }
            this.size = size;
            return this;
        }

        /** Two-character hospital codes, used in turn; default CS, DU, HT. */
        public Builder optHospitals(String... codes) {
            if (codes.length == 0) {
                throw new IllegalArgumentException("give at least one hospital code");
            }
            for (String c : codes) {
                if (c.length() != 2) {
                    throw new IllegalArgumentException("hospital codes have 2 characters, got '" + c + "'");
                }
            }
            this.hospitals = List.of(codes);
            return this;
        }

        /** TIFF compression, default {@link LggTiff.Compression#DEFLATE} (lossless, small files). */
        public Builder optCompression(LggTiff.Compression compression) {
            this.compression = compression;
            return this;
        }

        public PhantomGenerator build() {
            return new PhantomGenerator(this);
        }
    }

    /** @return the tumour slices each patient gets: 1 for 1 or 2 slices, else min(ceil(n/2), n-2) */
    public static int tumourSliceCount(int slicesPerPatient) {
        int n = slicesPerPatient;
        return n <= 2 ? 1 : Math.min((n + 1) / 2, n - 2);
    }

    /** @return the patient folder names this generator writes, in order */
    public List<String> patientIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < patients; i++) {
            ids.add(clinicalKey(i) + String.format(Locale.ROOT, "_2000%02d%02d", 1 + i % 12, 1 + (i / 12) % 28));
        }
        return ids;
    }

    private String clinicalKey(int i) {
        return "TCGA_" + hospitals.get(i % hospitals.size()) + "_" + (FIRST_PATIENT_NUMBER + i);
    }

    /**
     * Writes {@code dest/kaggle_3m/<patient>/<patient>_<n>.tif} and {@code _<n>_mask.tif} (n from 1) for every
     * patient, and {@code dest/kaggle_3m/data.csv}. Existing files of the same names are replaced.
     */
    public void write(Path dest) throws IOException {
        Path root = dest.resolve(LggDataset.KAGGLE_FOLDER);
        List<String> ids = patientIds();
        StringBuilder csv = new StringBuilder(
                "Patient,histological_type,neoplasm_histologic_grade,gender," + "age_at_initial_pathologic,death01\n");
        for (int i = 0; i < patients; i++) {
            SplittableRandom r = new SplittableRandom(mix(seed, i));
            Anatomy a = Anatomy.random(r, size);
            int n = slicesPerPatient;
            int len = tumourSliceCount(n);
            int first = n >= 3 ? 1 + r.nextInt(n - 1 - len) : r.nextInt(n - len + 1); // 0-based
            Path dir = root.resolve(ids.get(i));
            Files.createDirectories(dir);
            for (int k = 0; k < n; k++) {
                double position = n == 1 ? 0.5 : (double) k / (n - 1);
                double t = (k - first + 0.5) / len; // 0..1 inside the tumour run
                double tumourScale = t > 0 && t < 1 ? Math.sqrt(1 - (2 * t - 1) * (2 * t - 1)) : 0;
                PhantomSlice s = render(a, size, position, tumourScale, new SplittableRandom(mix(mix(seed, i), k + 1)));
                String base = ids.get(i) + "_" + (k + 1);
                LggTiff.writeImage(dir.resolve(base + ".tif"), s.image(), compression);
                LggTiff.writeMask(dir.resolve(base + "_mask.tif"), s.mask(), compression);
            }
            csv.append(clinicalKey(i))
                    .append(",1,")
                    .append(1 + r.nextInt(2))
                    .append(',')
                    .append(1 + r.nextInt(2))
                    .append(',')
                    .append(25 + r.nextInt(50))
                    .append(',')
                    .append(r.nextInt(2))
                    .append('\n');
        }
        AtomicFiles.writeString(root.resolve(LggDataset.CLINICAL_CSV), csv.toString());
    }

    /**
     * One phantom slice in memory (mid-head).
     *
     * @param tumour true for a slice with a non-empty tumour mask, false for an empty mask
     */
    public static PhantomSlice slice(long seed, int size, boolean tumour) {
        SplittableRandom r = new SplittableRandom(seed);
        return render(Anatomy.random(r, size), size, 0.5, tumour ? 0.7 + 0.3 * r.nextDouble() : 0, r);
    }

    /**
     * Regenerates the project's test data: 4 patients (hospitals CS, DU, HT) x 6 slices, 256x256, seed 42, into
     * {@code <dest>/phantom/kaggle_3m/}, and writes {@code <dest>/README.md}.
     *
     * @param args optional destination folder, default {@code test-data}
     */
    public static void main(String[] args) throws IOException {
        Path dest = Path.of(args.length > 0 ? args[0] : "test-data");
        writeTestData(dest);
        System.out.println("wrote " + dest.resolve("phantom").resolve(LggDataset.KAGGLE_FOLDER));
    }

    /** What {@link #main(String[])} writes; tests compare it with the committed copy. */
    static void writeTestData(Path dest) throws IOException {
        PhantomGenerator g = builder()
                .optSeed(42)
                .optPatients(4)
                .optSlicesPerPatient(6)
                .optSize(256)
                .optHospitals("CS", "DU", "HT")
                .build();
        g.write(dest.resolve("phantom"));
        AtomicFiles.writeString(dest.resolve("README.md"), """
                # Test data

                `phantom/kaggle_3m/` holds synthetic phantom "patients" in the layout of the Kaggle LGG MRI data set
                (Buda et al.), generated by this project's own code; it contains no real patient data.

                - 4 patients from 3 hospital codes (CS, DU, HT; CS twice) x 6 slices, 256x256, 3 channels
                  (pre-contrast, FLAIR, post-contrast) uint8, deflate-compressed TIFF, masks 0/255.
                - Each patient has 3 tumour slices in a row (slices 1 and 6 are always tumour-free):
                  12 tumour and 12 tumour-free slices in all.
                - `phantom/kaggle_3m/data.csv` has made-up clinical rows keyed `TCGA_<HH>_<id>`.

                Regenerate (from the project root, after deleting `test-data/phantom`):

                    mvn -B -q -o compile
                    java -cp target/classes io.github.braintumor.data.PhantomGenerator test-data

                The output is deterministic (seed 42): `PhantomGeneratorTest` checks that the committed files
                match what the generator makes.
                """);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static long mix(long seed, long i) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i).nextLong();
    }

    /** Per-patient shape parameters, in pixels. */
    private record Anatomy(
            double cx,
            double cy,
            double headA,
            double headB,
            double tx,
            double ty,
            double tumA,
            double tumB,
            double tumAngle,
            double wobblePhase,
            double[] base) {
        static Anatomy random(SplittableRandom r, int size) {
            double headA = size * (0.33 + 0.05 * r.nextDouble());
            double headB = size * (0.40 + 0.05 * r.nextDouble());
            double angle = r.nextDouble() * 2 * Math.PI;
            double dist = 0.15 + 0.35 * r.nextDouble(); // tumour centre well inside the brain
            double[] base = {60 + 20 * r.nextDouble(), 80 + 20 * r.nextDouble(), 65 + 20 * r.nextDouble()};
            return new Anatomy(
                    size / 2.0 + size * 0.03 * (r.nextDouble() - 0.5),
                    size / 2.0 + size * 0.03 * (r.nextDouble() - 0.5),
                    headA,
                    headB,
                    dist * headA * Math.cos(angle),
                    dist * headB * Math.sin(angle),
                    size * (0.07 + 0.06 * r.nextDouble()),
                    size * (0.06 + 0.05 * r.nextDouble()),
                    r.nextDouble() * Math.PI,
                    r.nextDouble() * 2 * Math.PI,
                    base);
        }
    }

    /** Per-channel offsets: rim (scalp/skull) brighter, centre (CSF) darker, tumour brightest in FLAIR. */
    private static final double[] RIM = {70, 35, 55};

    private static final double[] CSF = {-30, -35, -25};
    private static final double[] TUMOUR = {-15, 80, 15};

    private static PhantomSlice render(Anatomy a, int size, double position, double tumourScale, SplittableRandom r) {
        int n = size * size;
        double headScale = 0.8 + 0.2 * Math.sin(Math.PI * position); // smaller head near bottom and top
        double ha = a.headA() * headScale;
        double hb = a.headB() * headScale;
        float[] shared = smoothNoise(r, size, 5, 14);
        float[][] own = {smoothNoise(r, size, 6, 20), smoothNoise(r, size, 6, 20), smoothNoise(r, size, 6, 20)};
        byte[] px = new byte[3 * n];
        byte[] mask = new byte[n];
        double cos = Math.cos(a.tumAngle());
        double sin = Math.sin(a.tumAngle());
        double ta = Math.max(3, a.tumA() * tumourScale);
        double tb = Math.max(3, a.tumB() * tumourScale);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                double dx = x + 0.5 - a.cx();
                double dy = y + 0.5 - a.cy();
                double rho = Math.sqrt((dx / ha) * (dx / ha) + (dy / hb) * (dy / hb));
                if (rho >= 1) {
                    continue; // background stays 0, as in the real scans
                }
                double rim = smoothStep(0.86, 0.95, rho);
                double csf = 1 - smoothStep(0.12, 0.22, rho);
                double tumourWeight = 0;
                if (tumourScale > 0) {
                    double u = dx - a.tx() * headScale;
                    double v = dy - a.ty() * headScale;
                    double ru = (u * cos + v * sin) / ta;
                    double rv = (-u * sin + v * cos) / tb;
                    double rt = Math.sqrt(ru * ru + rv * rv);
                    double edge = 1 + 0.12 * Math.sin(3 * Math.atan2(rv, ru) + a.wobblePhase());
                    if (rt < edge && rho < 0.86) {
                        mask[i] = 1;
                    }
                    tumourWeight = rho < 0.86 ? 1 - smoothStep(edge - 0.15, edge + 0.1, rt) : 0;
                }
                for (int c = 0; c < 3; c++) {
                    double v = a.base()[c]
                            + 30 * shared[i]
                            + 20 * own[c][i]
                            + RIM[c] * rim
                            + CSF[c] * csf
                            + TUMOUR[c] * tumourWeight
                            + 2 * r.nextGaussian();
                    px[c * n + i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
        return new PhantomSlice(new SliceImage(size, size, 3, px), new SliceMask(size, size, mask));
    }

    /** Sum of two bilinear value-noise octaves (coarse and fine grids), roughly in [-1, 1]. */
    private static float[] smoothNoise(SplittableRandom r, int size, int coarseCells, int fineCells) {
        float[] out = new float[size * size];
        for (int[] octave : new int[][] {{coarseCells, 2}, {fineCells, 1}}) {
            int cells = octave[0];
            double weight = octave[1] / 3.0;
            double[] grid = new double[(cells + 1) * (cells + 1)];
            for (int g = 0; g < grid.length; g++) {
                grid[g] = 2 * r.nextDouble() - 1;
            }
            for (int y = 0; y < size; y++) {
                double gy = (double) y / size * cells;
                int y0 = (int) gy;
                double fy = smoothStep(0, 1, gy - y0);
                for (int x = 0; x < size; x++) {
                    double gx = (double) x / size * cells;
                    int x0 = (int) gx;
                    double fx = smoothStep(0, 1, gx - x0);
                    int g = y0 * (cells + 1) + x0;
                    double top = grid[g] * (1 - fx) + grid[g + 1] * fx;
                    double bottom = grid[g + cells + 1] * (1 - fx) + grid[g + cells + 2] * fx;
                    out[y * size + x] += (float) (weight * (top * (1 - fy) + bottom * fy));
                }
            }
        }
        return out;
    }

    private static double smoothStep(double lo, double hi, double v) {
        double t = Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
        return t * t * (3 - 2 * t);
    }
}
