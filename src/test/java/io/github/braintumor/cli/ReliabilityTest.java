package io.github.braintumor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.fiji.TinyModels;
import io.github.braintumor.io.OutputPaths;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input and faults of issue 10, one or more cases per class handled and per command: each asserts the exit
 * code, the one-line reason, no stack trace, and that nothing was written or changed. Inputs are generated here.
 */
class ReliabilityTest {
    @TempDir
    Path tmp;

    // ---- class 1: data loss -----------------------------------------------------------------------------------

    @Test
    void trainUnetRefusesFolderOfUserFiles() throws Exception {
        Path data = data();
        Path out = userFolder("my-files");
        Map<String, Long> before = snapshot(tmp);
        CliRun r = CliRun.of("train-unet", data.toString(), "--out", out.toString(), "--epochs", "1");
        refused(r, "did not write");
        assertTrue(r.reason().contains("notes.txt"), r.reason());
        assertEquals(before, snapshot(tmp)); // nothing replaced, no <out>-last created
    }

    @Test
    void trainClassifierRefusesOutInsideOrEqualToData() throws Exception {
        Path data = data();
        Map<String, Long> before = snapshot(data);
        refused(
                CliRun.of(
                        "train-classifier",
                        data.toString(),
                        "--out",
                        data.resolve("models").toString()),
                "is inside the input");
        refused(CliRun.of("train-classifier", data.toString(), "--out", data.toString()), "is the input");
        refused(
                CliRun.of("train-classifier", data.resolve("kaggle_3m").toString(), "--out", data.toString()),
                "holds the input");
        assertEquals(before, snapshot(data));
    }

    @Test
    void trainRefusesCurrentFolderAndExistingFile() throws Exception {
        Path data = data();
        Path cwd = Path.of("").toAbsolutePath();
        Map<String, Long> before = snapshotShallow(cwd);
        refused(CliRun.of("train-unet", data.toString(), "--out", "."), "the current folder");
        refused(CliRun.of("train-unet", data.toString(), "--out", ".."), "the current folder or holds it");
        assertEquals(before, snapshotShallow(cwd));
        assertFalse(Files.exists(cwd.resolveSibling(cwd.getFileName() + "-last")));

        Path file = tmp.resolve("model.bin");
        Files.writeString(file, "mine");
        refused(CliRun.of("train-unet", data.toString(), "--out", file.toString()), "is an existing file");
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void trainRefusesForeignCheckpointFolder() throws Exception {
        Path out = tmp.resolve("unet");
        Path last = userFolder("unet-last");
        CliRun r = CliRun.of("train-unet", data().toString(), "--out", out.toString());
        refused(r, "unet-last");
        assertFalse(Files.exists(out));
        assertTrue(Files.isRegularFile(last.resolve("notes.txt")));
    }

    @Test
    void searchClassifierRefusesFolderOfUserFiles() throws Exception {
        Path data = data();
        Path out = userFolder("search");
        Map<String, Long> before = snapshot(tmp);
        refused(
                CliRun.of("search-classifier", data.toString(), "--out", out.toString(), "--trials", "1"),
                "did not write");
        assertEquals(before, snapshot(tmp));
    }

    @Test
    void segmentRefusesTheInputFolderAndTheFolderOfAnInputFile() throws Exception {
        Path data = data();
        Map<String, Long> before = snapshot(data);
        String unet = TinyModels.unet().toString();
        refused(CliRun.of("segment", data.toString(), "--out", data.toString(), "--model", unet), "is the input");
        Path patient =
                LggDataset.index(data).patients().get(0).slices().get(0).image().getParent();
        refused(
                CliRun.of("segment", data.toString(), "--out", patient.toString(), "--model", unet),
                "is inside the input");
        Path slice = LggDataset.index(data).slices().get(0).image();
        refused(
                CliRun.of("segment", slice.toString(), "--out", patient.toString(), "--model", unet),
                "holds the input");
        assertEquals(before, snapshot(data));
    }

    @Test
    void segmentReusesItsOwnOutputOnlyWithOverwriteAndNeverAnotherCommands() throws Exception {
        Path data = tinyPatients();
        String unet = TinyModels.unet().toString();
        Path out = tmp.resolve("seg");
        assertEquals(
                Main.OK,
                CliRun.of("segment", data.toString(), "--out", out.toString(), "--model", unet)
                        .code());
        assertTrue(Files.isRegularFile(out.resolve(OutputPaths.MARKER)));
        Map<String, Long> first = snapshot(out);
        refused(
                CliRun.of("segment", data.toString(), "--out", out.toString(), "--model", unet),
                "holds an earlier 'segment' output: pass --overwrite");
        assertEquals(first, snapshot(out));

        // --overwrite removes what the first run wrote (a patient the second run lacks too), keeps the user's file
        Files.writeString(out.resolve("notes.txt"), "mine");
        String firstPatient = LggDataset.index(data).patients().get(0).id();
        Path other = tmp.resolve("other");
        PhantomGenerator.builder()
                .optSeed(6)
                .optPatients(1)
                .optSlicesPerPatient(2)
                .optHospitals("ZZ")
                .build()
                .write(other);
        String secondPatient = LggDataset.index(other).patients().get(0).id();
        assertFalse(firstPatient.equals(secondPatient));
        CliRun again = CliRun.of("segment", other.toString(), "--out", out.toString(), "--model", unet, "--overwrite");
        assertEquals(Main.OK, again.code(), again.err());
        assertFalse(Files.exists(out.resolve(firstPatient)), "the earlier run's masks were mixed in");
        assertTrue(Files.isDirectory(out.resolve(secondPatient)));
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertFalse(Files.readString(out.resolve(SegmentSubcommand.CSV)).contains(firstPatient));

        Path evaluation = tmp.resolve("eval");
        Files.createDirectories(evaluation);
        Files.writeString(evaluation.resolve(OutputPaths.MARKER), "evaluate\n");
        Files.writeString(evaluation.resolve("summary.json"), "{}");
        Map<String, Long> before = snapshot(evaluation);
        refused(
                CliRun.of("segment", data.toString(), "--out", evaluation.toString(), "--model", unet),
                "holds the output of 'evaluate'");
        assertEquals(before, snapshot(evaluation));
    }

    @Test
    void evaluateRefusesFolderOfUserFilesAndModelFolder() throws Exception {
        Path data = data();
        Path out = userFolder("report");
        Map<String, Long> before = snapshot(tmp);
        String unet = TinyModels.unet().toString();
        refused(CliRun.of("evaluate", data.toString(), "--out", out.toString(), "--unet", unet), "did not write");
        assertEquals(before, snapshot(tmp));
        Map<String, Long> bundle = snapshot(TinyModels.unet());
        refused(CliRun.of("evaluate", data().toString(), "--out", unet, "--unet", unet), "is the input");
        assertEquals(bundle, snapshot(TinyModels.unet()));
    }

    @Test
    void demoRefusesFolderOfUserFilesAndTheDataFolder() throws Exception {
        Path data = data();
        Path out = userFolder("demo");
        Map<String, Long> before = snapshot(tmp);
        String unet = TinyModels.unet().toString(),
                classifier = TinyModels.classifier().toString();
        refused(
                CliRun.of("demo", "--out", out.toString(), "--unet", unet, "--classifier", classifier),
                "did not write");
        assertEquals(before, snapshot(tmp));
        Map<String, Long> dataBefore = snapshot(data);
        refused(
                CliRun.of(
                        "demo",
                        "--data",
                        data.toString(),
                        "--out",
                        data.resolve("demo").toString(),
                        "--unet",
                        unet,
                        "--classifier",
                        classifier),
                "is inside the input");
        assertEquals(dataBefore, snapshot(data));
    }

    // ---- class 6: partial and mixed outputs -------------------------------------------------------------------

    @Test
    void batchFailingOnPatientTwoKeepsPatientOneWholeWithItsTable() throws Exception {
        Path data = tmp.resolve("batch");
        PhantomGenerator.builder()
                .optSeed(8)
                .optPatients(2)
                .optSlicesPerPatient(2)
                .build()
                .write(data);
        List<io.github.braintumor.data.PatientRecord> patients =
                LggDataset.index(data).patients();
        String good = patients.get(0).id(), bad = patients.get(1).id();
        // patient 2's second slice has an alpha channel: its header is fine, decoding it is refused
        java.awt.image.BufferedImage rgba =
                new java.awt.image.BufferedImage(256, 256, java.awt.image.BufferedImage.TYPE_4BYTE_ABGR);
        assertTrue(javax.imageio.ImageIO.write(
                rgba, "tiff", patients.get(1).slices().get(1).image().toFile()));
        Path out = tmp.resolve("seg");
        CliRun r = CliRun.of(
                "segment",
                data.toString(),
                "--out",
                out.toString(),
                "--model",
                TinyModels.unet().toString());
        // patient 1's progress lines come first; the failure is the one last line, exit 2, no trace
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(
                r.reason().contains(bad + " failed after 1 complete volume(s) (listed in segmentation.csv)")
                        && r.reason().contains("4 channels"),
                r.reason());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
        // patient 1 complete, patient 2 absent (not half), no hidden staging folder left
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(
                    List.of(OutputPaths.MARKER, good, SegmentSubcommand.CSV, SegmentSubcommand.VOLUMES_CSV),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (Stream<Path> s = Files.list(out.resolve(good))) {
            assertEquals(2, s.count());
        }
        List<String> rows = Files.readAllLines(out.resolve(SegmentSubcommand.CSV));
        assertEquals(3, rows.size(), rows.toString()); // header + patient 1's two slices
        assertTrue(rows.stream().skip(1).allMatch(l -> l.startsWith(good + ",")), rows.toString());
    }

    @Test
    void keepGoingListsTheFailedPatientAndFinishesTheOthers() throws Exception {
        Path data = tmp.resolve("keep-going");
        PhantomGenerator.builder()
                .optSeed(8)
                .optPatients(3)
                .optSlicesPerPatient(2)
                .build()
                .write(data);
        List<io.github.braintumor.data.PatientRecord> patients =
                LggDataset.index(data).patients();
        String bad = patients.get(1).id();
        java.awt.image.BufferedImage rgba =
                new java.awt.image.BufferedImage(256, 256, java.awt.image.BufferedImage.TYPE_4BYTE_ABGR);
        assertTrue(javax.imageio.ImageIO.write(
                rgba, "tiff", patients.get(1).slices().get(1).image().toFile()));
        Path out = tmp.resolve("seg-keep-going");
        CliRun r = CliRun.of(
                "segment",
                data.toString(),
                "--out",
                out.toString(),
                "--keep-going",
                "--model",
                TinyModels.unet().toString());
        assertEquals(Main.BAD_INPUT, r.code(), r.err()); // something failed, and it was the input
        assertTrue(r.reason().contains("1 of 3 volume(s) failed (listed in"), r.reason());
        List<String> failures = Files.readAllLines(out.resolve(SegmentSubcommand.FAILURES_CSV));
        assertEquals(2, failures.size(), failures.toString());
        assertTrue(
                failures.get(1).startsWith(bad + ",") && failures.get(1).contains("4 channels"), failures.toString());
        assertFalse(Files.exists(out.resolve(bad)), "a failed patient must be absent, not half");
        for (var p : List.of(patients.get(0), patients.get(2))) {
            try (Stream<Path> s = Files.list(out.resolve(p.id()))) {
                assertEquals(2, s.count());
            }
        }
        assertEquals(5, Files.readAllLines(out.resolve(SegmentSubcommand.CSV)).size()); // header + 2 x 2 slices
    }

    // ---- class 5: outputs and options checked before the work ------------------------------------------------

    @Test
    void csvPathThatIsAFolderIsRefusedBeforeTheWork() throws Exception {
        Path folder = userFolder("tables");
        Path data = data();
        CliRun classify = CliRun.of(
                "classify",
                data.toString(),
                "--csv",
                folder.toString(),
                "--model",
                TinyModels.classifier().toString());
        refused(classify, "is a folder");
        assertFalse(classify.out().contains("patient\tslice"), "classified before refusing: " + classify.out());
        refused(CliRun.of("overview", data.toString(), "--csv", folder.toString()), "is a folder");
        Path mask = LggDataset.index(data).slices().get(0).mask();
        refused(CliRun.of("iou", mask.toString(), mask.toString(), "--csv", folder.toString()), "is a folder");
        refused(
                CliRun.of(
                        "overview",
                        data.toString(),
                        "--patients-csv",
                        data.resolve("p.csv").toString()),
                "is inside the input");
        assertFalse(Files.exists(data.resolve("p.csv")));
    }

    @Test
    void outputUnderAFileOrReplacingANonCsvFileIsRefused() throws Exception {
        Path file = tmp.resolve("plain.txt");
        Files.writeString(file, "keep");
        refused(
                CliRun.of(
                        "evaluate",
                        data().toString(),
                        "--out",
                        file.resolve("eval").toString(),
                        "--unet",
                        TinyModels.unet().toString()),
                "is a file, not a folder");
        refused(
                CliRun.of(
                        "segment",
                        data().toString(),
                        "--out",
                        file.toString(),
                        "--model",
                        TinyModels.unet().toString()),
                "is an existing file");
        refused(CliRun.of("overview", data().toString(), "--csv", file.toString()), "not a .csv file");
        assertEquals("keep", Files.readString(file));
    }

    @Test
    void readOnlyOutputFolderIsRefusedUpFront() throws Exception {
        Path ro = tmp.resolve("ro");
        Files.createDirectories(ro);
        assertTrue(ro.toFile().setWritable(false, false));
        try {
            // root may write anywhere: then the folder is writable and the check has nothing to refuse
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(ro), "running as root");
            refused(
                    CliRun.of(
                            "segment",
                            data().toString(),
                            "--out",
                            ro.resolve("x").toString(),
                            "--model",
                            TinyModels.unet().toString()),
                    "is not writable");
        } finally {
            ro.toFile().setWritable(true, false);
        }
    }

    @Test
    void immutableOutputFolderIsRefusedUpFrontEvenForRoot() throws Exception {
        // chattr +i stops root too, so this runs where the read-only case above must skip
        Path frozen = Files.createDirectories(tmp.resolve("frozen"));
        boolean set = exec("chattr", "+i", frozen.toString()) == 0;
        org.junit.jupiter.api.Assumptions.assumeTrue(set, "chattr +i is not available on this file system");
        try {
            for (Path out : List.of(frozen, frozen.resolve("inside"))) {
                refused(
                        CliRun.of(
                                "segment",
                                data().toString(),
                                "--out",
                                out.toString(),
                                "--model",
                                TinyModels.unet().toString()),
                        "is not writable");
                refused(
                        CliRun.of(
                                "evaluate",
                                data().toString(),
                                "--out",
                                out.toString(),
                                "--unet",
                                TinyModels.unet().toString()),
                        "is not writable");
            }
            refused(
                    CliRun.of(
                            "classify",
                            data().toString(),
                            "--csv",
                            frozen.resolve("t.csv").toString(),
                            "--model",
                            TinyModels.classifier().toString()),
                    "not writable");
        } finally {
            exec("chattr", "-i", frozen.toString());
        }
        try (Stream<Path> s = Files.list(frozen)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void iouOfATruncatedMaskIsOneLineNotAnIouOfZero() throws Exception {
        Path mask = LggDataset.index(data()).slices().get(0).mask();
        byte[] bytes = Files.readAllBytes(mask);
        Path cut = Files.write(tmp.resolve("cut_mask.tif"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CliRun r = CliRun.of("iou", cut.toString(), mask.toString());
        refused(r, "truncated or corrupt");
        assertFalse(r.out().contains("0.0"), "an IoU was reported for a broken mask:\n" + r.out());
    }

    static int exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    @Test
    void resumeFromAFolderWithoutCheckpointIsOneLine() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path out = tmp.resolve("unet");
        refused(
                CliRun.of("train-unet", data().toString(), "--out", out.toString(), "--resume", empty.toString()),
                "holds no checkpoint.json");
        refused(
                CliRun.of(
                        "train-classifier",
                        data().toString(),
                        "--out",
                        out.toString(),
                        "--resume",
                        TinyModels.classifier().toString()),
                "holds no checkpoint.json"); // a bundle, not a checkpoint
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(tmp.resolve("unet-last")));
    }

    @Test
    void splitPathThatIsAFolderIsRefused() throws Exception {
        Path folder = userFolder("split");
        refused(
                CliRun.of(
                        "train-unet",
                        data().toString(),
                        "--out",
                        tmp.resolve("unet").toString(),
                        "--split",
                        folder.toString()),
                "is a folder");
        assertFalse(Files.exists(tmp.resolve("unet")));
    }

    // ---- class 4: memory from a few bytes --------------------------------------------------------------------

    @Test
    void hugeDeclaredTiffIsRefusedWithoutAllocating() throws Exception {
        Path huge = tiff(tmp.resolve("huge.tif"), 100_000, 100_000, 3, 200);
        Path out = tmp.resolve("seg");
        long allocated = allocated();
        CliRun seg = CliRun.of(
                "segment",
                huge.toString(),
                "--out",
                out.toString(),
                "--model",
                TinyModels.unet().toString());
        allocated = allocated() - allocated;
        refused(seg, "100000x100000");
        assertTrue(allocated < 64L << 20, "allocated " + (allocated >> 20) + " MB to refuse a 200-byte file");
        assertFalse(Files.exists(out));
        refused(
                CliRun.of(
                        "classify",
                        huge.toString(),
                        "--model",
                        TinyModels.classifier().toString()),
                "100000x100000");
    }

    @Test
    void declaredSizeBeyondWhatTheFileCanHoldIsRefused() throws Exception {
        // 8000x8000 RGB = 192 MB of pixels in 200 bytes: no compression expands that much
        Path big = tiff(tmp.resolve("big.tif"), 8000, 8000, 3, 200);
        long allocated = allocated();
        CliRun r = CliRun.of(
                "classify", big.toString(), "--model", TinyModels.classifier().toString());
        allocated = allocated() - allocated;
        refused(r, "truncated or corrupt");
        assertTrue(r.reason().contains("183 MB"), r.reason());
        assertTrue(allocated < 64L << 20, "allocated " + (allocated >> 20) + " MB");
        Path mask = tiff(tmp.resolve("mask.tif"), 2000, 2000, 1, 200); // 4 MB of mask in 200 bytes
        Files.copy(mask, tmp.resolve("mask2.tif"));
        refused(CliRun.of("iou", mask.toString(), tmp.resolve("mask2.tif").toString()), "truncated or corrupt");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Exit 2, one line naming the problem, no stack trace. */
    static void refused(CliRun r, String expected) {
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(r.reason().contains(expected), "reason: " + r.reason());
        assertFalse(r.err().contains("\tat ") || r.err().contains("at io.github"), "stack trace: " + r.err());
        assertFalse(r.err().contains("Exception"), "exception name: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), "more than one line: " + r.err());
    }

    /** A folder with a file of the user's. */
    private Path userFolder(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("notes.txt"), "the user's own file");
        return dir;
    }

    /** A private copy of the tiny phantom data (tests must not write near the shared one). */
    private Path data() throws Exception {
        Path copy = tmp.resolve("data");
        if (!Files.exists(copy)) copyTree(TinyModels.data(), copy);
        return copy;
    }

    /** Two small phantom patients of the models' input size, for runs that succeed. */
    private Path tinyPatients() throws Exception {
        Path d = tmp.resolve("two");
        PhantomGenerator.builder()
                .optSeed(5)
                .optPatients(1)
                .optSlicesPerPatient(2)
                .build()
                .write(d);
        return d;
    }

    /** Copies a folder tree (a bundle, a data set) for a test to damage. */
    static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    /** Every file and folder under {@code root} with its size (folders -1). */
    static Map<String, Long> snapshot(Path root) throws Exception {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) m.put(root.relativize(p).toString(), Files.isDirectory(p) ? -1 : Files.size(p));
        }
        return m;
    }

    private static Map<String, Long> snapshotShallow(Path root) throws Exception {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.toList()) m.put(p.getFileName().toString(), Files.isDirectory(p) ? -1 : Files.size(p));
        }
        return m;
    }

    /** Bytes this thread has allocated so far (HotSpot). */
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** A little-endian uncompressed 8-bit TIFF header declaring {@code w x h x samples}, padded to {@code size}. */
    static Path tiff(Path file, int w, int h, int samples, int size) throws Exception {
        List<int[]> entries = new ArrayList<>(); // tag, type (3 short, 4 long), value
        entries.add(new int[] {256, 4, w});
        entries.add(new int[] {257, 4, h});
        entries.add(new int[] {258, 3, 8});
        entries.add(new int[] {259, 3, 1});
        entries.add(new int[] {262, 3, samples == 3 ? 2 : 1});
        entries.add(new int[] {273, 4, size - 8});
        entries.add(new int[] {277, 3, samples});
        entries.add(new int[] {278, 4, h});
        entries.add(new int[] {279, 4, 8}); // the strip is 8 bytes: what is really there
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) entries.size());
        for (int[] e : entries) {
            b.putShort((short) e[0]).putShort((short) e[1]).putInt(1);
            if (e[1] == 3) b.putShort((short) e[2]).putShort((short) 0);
            else b.putInt(e[2]);
        }
        b.putInt(0);
        Files.write(file, b.array());
        return file;
    }
}
