package io.github.braintumor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.fiji.TinyModels;
import io.github.braintumor.io.AtomicFiles;
import io.github.braintumor.io.OutputLock;
import io.github.braintumor.model.ModelBundle;
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
 * Issue 27, one test per class of loss: an interrupted, failed, repeated or concurrent run never loses an earlier
 * output or a user's file, and numbers nobody bounds are refused before any work. Inputs are generated here;
 * the kill test sends SIGKILL to a real java process.
 */
class NothingLostTest {
    @TempDir
    Path tmp;

    private Path patients(String name, long seed, int count, int slices) throws Exception {
        Path d = tmp.resolve(name);
        PhantomGenerator.builder()
                .optSeed(seed)
                .optPatients(count)
                .optSlicesPerPatient(slices)
                .build()
                .write(d);
        return d;
    }

    /** Every file under {@code dir} (hidden ones too) with its bytes' hash. */
    private static Map<String, String> tree(Path dir) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(f).toString(), AtomicFiles.sha256(f));
            }
        }
        return files;
    }

    private static CliRun segment(Path data, Path out, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "segment",
                data.toString(),
                "--out",
                out.toString(),
                "--model",
                TinyModels.unet().toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static void refused(CliRun r, String expected) {
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(r.reason().contains(expected), r.reason());
        assertFalse(r.err().contains("\tat "), "a stack trace:\n" + r.err());
    }

    // ---- class 1: --overwrite deleted first ----------------------------------------------------------------------

    @Test
    void aRerunKilledWithSigkillLeavesTheEarlierOutputAndTheNextRunTakesOver() throws Exception {
        Path out = tmp.resolve("out");
        Path first = tmp.resolve("first");
        PhantomGenerator.builder()
                .optSeed(3)
                .optPatients(1)
                .optSlicesPerPatient(4)
                .optHospitals("ZZ") // other patient ids than the rerun's
                .build()
                .write(first);
        assertEquals(Main.OK, segment(first, out).code());
        Map<String, String> before = tree(out);

        Path many = patients("many", 4, 8, 24);
        Path staging = out.resolveSibling("." + out.getFileName() + ".brain-tumor-staging");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Dai.djl.pytorch.num_threads=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "segment",
                many.toString(),
                "--out",
                out.toString(),
                "--model",
                TinyModels.unet().toString(),
                "--overwrite"));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("run.log").toFile())
                .start();
        boolean staged = false;
        for (long end = System.nanoTime() + 120_000_000_000L; System.nanoTime() < end && p.isAlive(); ) {
            if (hasFile(staging)) {
                staged = true;
                break;
            }
            Thread.sleep(5);
        }
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        p.waitFor();
        assertTrue(staged, "the run never staged a mask before it ended:\n" + Files.readString(tmp.resolve("run.log")));
        assertEquals(before, tree(out), "the earlier output changed under a killed rerun");

        CliRun again = segment(many, out, "--overwrite"); // the dead run's lock and staging are taken over
        assertEquals(Main.OK, again.code(), again.err());
        assertFalse(Files.exists(staging), "the killed run's staging folder was left");
        assertFalse(OutputLock.isLocked(out));
        assertEquals(
                8,
                LggDataset.index(many).patients().stream()
                        .filter(x -> Files.isDirectory(out.resolve(x.id())))
                        .count());
        assertFalse(Files.exists(
                out.resolve(LggDataset.index(first).patients().get(0).id())));
    }

    private static boolean hasFile(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(f -> f.toString().endsWith("_pred.tif"));
        } catch (java.io.UncheckedIOException e) {
            return false; // a file moved while walking
        }
    }

    @Test
    void aRerunThatFailsLeavesTheEarlierOutputExactlyAsItWas() throws Exception {
        Path out = tmp.resolve("out");
        Path data = patients("data", 5, 2, 3);
        assertEquals(Main.OK, segment(data, out).code());
        Map<String, String> before = tree(out);
        // a slice damaged since: the rerun fails on the second patient
        Path slice = LggDataset.index(data).patients().get(1).slices().get(0).image();
        byte[] bytes = Files.readAllBytes(slice);
        Files.write(slice, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        CliRun r = segment(data, out, "--overwrite");
        refused(r, "the earlier output in");
        assertEquals(before, tree(out));
    }

    @Test
    void filesTheUserPutOrCorrectedAreNeverReplaced() throws Exception {
        Path out = tmp.resolve("out");
        Path data = patients("data", 6, 1, 3);
        assertEquals(Main.OK, segment(data, out).code());
        String patient = LggDataset.index(data).patients().get(0).id();
        Path mask;
        try (Stream<Path> s = Files.list(out.resolve(patient))) {
            mask = s.filter(f -> f.toString().endsWith("_pred.tif")).findFirst().orElseThrow();
        }
        Files.write(mask, new byte[] {1, 2, 3}); // corrected by hand (a stand-in for an edited mask)
        Files.writeString(out.resolve(patient).resolve("notes.txt"), "mine");
        Map<String, String> before = tree(out);
        refused(segment(data, out, "--overwrite"), mask.getFileName().toString());
        assertEquals(before, tree(out));

        Files.delete(mask);
        assertEquals(Main.OK, segment(data, out, "--overwrite").code());
        assertEquals("mine", Files.readString(out.resolve(patient).resolve("notes.txt")));
    }

    // ---- class 2: no lock --------------------------------------------------------------------------------------

    @Test
    void aSecondRunIntoAFolderBeingWrittenIsRefused() throws Exception {
        Path out = tmp.resolve("out");
        Path data = patients("data", 7, 1, 2);
        try (OutputLock busy = OutputLock.acquire(out.toAbsolutePath(), "segment")) {
            refused(segment(data, out), "being written by another brain-tumor run");
        }
        assertFalse(Files.exists(out));
        assertEquals(Main.OK, segment(data, out).code());
    }

    // ---- class 3: replaced without being asked ------------------------------------------------------------------

    @Test
    void aTrainedBundleAndAUsersCsvAreReplacedOnlyWithOverwrite() throws Exception {
        Path bundle = tmp.resolve("unet");
        ReliabilityTest.copyTree(TinyModels.unet(), bundle);
        Map<String, String> before = tree(bundle);
        refused(
                CliRun.of("train-unet", TinyModels.data().toString(), "--out", bundle.toString(), "--epochs", "1"),
                "holds a trained model: pass --overwrite");
        assertEquals(before, tree(bundle));

        Path data = patients("data", 8, 1, 2);
        Path csv = Files.writeString(tmp.resolve("results.csv"), "my,own\n");
        refused(CliRun.of("classify", data.toString(), "--csv", csv.toString()), "exists: pass --overwrite");
        assertEquals("my,own\n", Files.readString(csv));
        refused(
                CliRun.of(
                        "overview",
                        data.toString(),
                        "--csv",
                        tmp.resolve("x.csv").toString(),
                        "--patients-csv",
                        tmp.resolve("x.csv").toString()),
                "are the same file");
        assertFalse(Files.exists(tmp.resolve("x.csv")));
    }

    // ---- class 4: silently wrong --------------------------------------------------------------------------------

    @Test
    void aModelWhoseOutputIsNanIsAnErrorNotEmptyMasks() throws Exception {
        Path broken = tmp.resolve("nan-unet");
        io.github.braintumor.model.ModelInfo info = ModelBundle.readInfo(TinyModels.unet());
        try (ai.djl.Model m = ai.djl.Model.newInstance("unet", ai.djl.Device.cpu(), "PyTorch")) {
            ai.djl.nn.Block block = io.github.braintumor.model.Architectures.block(info);
            m.setBlock(block);
            block.initialize(
                    m.getNDManager(),
                    ai.djl.ndarray.types.DataType.FLOAT32,
                    io.github.braintumor.model.Architectures.inputShape(info));
            for (var pair : block.getParameters()) {
                Parameter parameter = pair.getValue();
                if (parameter.getName().contains("weight")) parameter.getArray().muli(Float.NaN);
            }
            ModelBundle.save(broken, m, info, Map.of());
        }
        Path data = patients("data", 9, 1, 2);
        CliRun r = CliRun.of(
                "segment", data.toString(), "--out", tmp.resolve("o").toString(), "--model", broken.toString());
        refused(r, "non-finite");
        assertTrue(r.reason().contains(broken.getFileName().toString()), r.reason());
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void resumingWithOtherSettingsIsRefusedNamingWhatDiffers() throws Exception {
        Path bundle = tmp.resolve("b");
        List<String> train = List.of(
                "train-unet",
                TinyModels.data().toString(),
                "--out",
                bundle.toString(),
                "--epochs",
                "2",
                "--batch",
                "2",
                "--samples",
                "4",
                "--features",
                "2",
                "--crop",
                "64",
                "--minutes",
                "0.0001");
        CliRun first = CliRun.of(train.toArray(String[]::new));
        assertEquals(Main.OK, first.code(), first.err());
        Path last = tmp.resolve("b-last");
        List<String> resume = new ArrayList<>(train);
        resume.addAll(List.of("--resume", last.toString(), "--lr", "0.01"));
        refused(CliRun.of(resume.toArray(String[]::new)), "learning rate");
    }

    // ---- class 6: disks ----------------------------------------------------------------------------------------

    @Test
    void aDiskThatFillsUpGivesOneLineAndNoHalfOutput() throws Exception {
        Path disk = Files.createDirectories(tmp.resolve("small-disk"));
        boolean mounted =
                ReliabilityTest.exec("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", disk.toString()) == 0;
        org.junit.jupiter.api.Assumptions.assumeTrue(mounted, "cannot mount a small tmpfs here (needs root)");
        try {
            Path out = disk.resolve("out");
            Path small = patients("small", 11, 1, 1);
            assertEquals(Main.OK, segment(small, out).code());
            Map<String, String> before = tree(out);
            CliRun r = segment(patients("big", 12, 3, 8), out, "--overwrite");
            assertEquals(Main.FAILED, r.code(), r.err());
            assertTrue(r.reason().contains("the disk is full"), r.reason());
            assertFalse(r.err().contains("\tat "), "a stack trace:\n" + r.err());
            assertEquals(before, tree(out), "the earlier output changed");
            try (Stream<Path> s = Files.list(disk)) {
                assertEquals(List.of(out), s.toList(), "a staging folder or lock was left");
            }
        } finally {
            ReliabilityTest.exec("umount", disk.toString());
        }
    }

    // ---- class 5: numbers nobody bounds --------------------------------------------------------------------------

    @Test
    void hugeOrNegativeNumbersAreRefusedBeforeAnyWork() throws Exception {
        Path data = patients("data", 10, 1, 2);
        Path out = tmp.resolve("o");
        refused(segment(data, out, "--batch", "100000"), "batch size must be 1..");
        refused(CliRun.of("train-unet", data.toString(), "--out", out.toString(), "--threads", "100000"), "processors");
        refused(CliRun.of("train-unet", data.toString(), "--out", out.toString(), "--epochs", "-3"), "epochs");
        refused(
                CliRun.of("train-unet", data.toString(), "--out", out.toString(), "--lr", "5"),
                "--lr must be in (0, 1]");
        refused(CliRun.of("train-unet", data.toString(), "--out", out.toString(), "--minutes", "-1"), "--minutes");
        refused(CliRun.of("train-unet", data.toString(), "--out", out.toString(), "--cache-mb", "-5"), "--cache-mb");
        refused(
                CliRun.of("train-classifier", data.toString(), "--out", out.toString(), "--input-size", "16384"),
                "input_size must be a multiple of 32 (five 2x poolings) up to 1024");
        for (String[] edit : new String[][] {
            {"\"features\": 4", "\"features\": 4096", "features must be 1..256"},
            {"\"formatVersion\": 1", "\"formatVersion\": 99", "formatVersion 99"},
            {"\"modelInputSize\": 256", "\"modelInputSize\": 7", "modelInputSize must be"}
        }) {
            Path bundle = tmp.resolve("m" + edit[1].hashCode());
            ReliabilityTest.copyTree(TinyModels.unet(), bundle);
            Path json = bundle.resolve("model.json");
            String text = Files.readString(json);
            assertTrue(text.contains(edit[0]), text);
            Files.writeString(json, text.replace(edit[0], edit[1]));
            refused(
                    CliRun.of("segment", data.toString(), "--out", out.toString(), "--model", bundle.toString()),
                    edit[2]);
        }
        assertFalse(Files.exists(out));
    }
}
