package io.github.braintumor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output transaction: staged, locked, published only on commit, never touching files it did not write. */
class OutputTransactionTest {
    @TempDir
    Path tmp;

    private OutputTransaction begin(Path out, boolean overwrite) throws IOException {
        return OutputTransaction.builder()
                .setFolder(out)
                .setCommand("segment")
                .optOverwrite(overwrite)
                .optMayWrite(rel -> rel.endsWith(".tif") || rel.endsWith(".csv"))
                .begin();
    }

    /** Writes a complete "segment" output: two patients' masks and a table. */
    private void run(Path out, boolean overwrite, String version, String... patients) throws IOException {
        try (OutputTransaction tx = begin(out, overwrite)) {
            for (String p : patients) Files.createDirectories(tx.staging().resolve(p));
            for (String p : patients) Files.writeString(tx.staging().resolve(p + "/s1_pred.tif"), version);
            Files.writeString(tx.staging().resolve("segmentation.csv"), version);
            tx.commit();
        }
    }

    /** Every file under {@code dir} (hidden ones too) with its content. */
    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(f).toString(), Files.readString(f));
            }
        }
        return files;
    }

    @Test
    void publishesOnlyOnCommitAndLeavesNothingBeside() throws Exception {
        Path out = tmp.resolve("out");
        try (OutputTransaction tx = begin(out, false)) {
            Files.writeString(tx.staging().resolve("segmentation.csv"), "x");
            assertFalse(Files.exists(out), "nothing appears before the commit");
        }
        assertFalse(Files.exists(out), "closed without commit: nothing published");
        run(out, false, "v1", "P1", "P2");
        assertEquals("v1", Files.readString(out.resolve("P2/s1_pred.tif")));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(java.util.List.of(out), s.toList(), "no lock, staging or temporary left beside the output");
        }
    }

    @Test
    void anEarlierOutputIsReplacedOnlyWhenAskedAndOnlyOnCommit() throws Exception {
        Path out = tmp.resolve("out");
        run(out, false, "v1", "P1", "P2");
        assertThrows(OutputRefusedException.class, () -> run(out, false, "v2", "P1"));
        Map<String, String> before = tree(out);
        try (OutputTransaction tx = begin(out, true)) {
            assertTrue(tx.replacesEarlier());
            Files.writeString(tx.staging().resolve("segmentation.csv"), "v2");
            // interrupted here (an exception, a cancel): no commit
        }
        assertEquals(before, tree(out), "the earlier output is exactly as it was");
        run(out, true, "v2", "P1");
        assertEquals("v2", Files.readString(out.resolve("P1/s1_pred.tif")));
        assertFalse(Files.exists(out.resolve("P2")), "what the earlier run wrote and this one did not is removed");
    }

    @Test
    void filesTheProgramDidNotWriteAreNeverReplacedOrRemovedAtAnyDepth() throws Exception {
        Path out = tmp.resolve("out");
        run(out, false, "v1", "P1", "P2");
        Files.writeString(out.resolve("P2/notes.txt"), "mine");
        Files.writeString(out.resolve("mine.txt"), "mine");
        run(out, true, "v2", "P1");
        assertEquals("mine", Files.readString(out.resolve("P2/notes.txt")), "kept inside a folder of the earlier run");
        assertFalse(Files.exists(out.resolve("P2/s1_pred.tif")));
        assertEquals("mine", Files.readString(out.resolve("mine.txt")));

        // a hand-corrected mask (changed since the program wrote it) and a user's table in the way are refused
        Files.writeString(out.resolve("P1/s1_pred.tif"), "corrected by hand");
        OutputRefusedException e = assertThrows(OutputRefusedException.class, () -> begin(out, true));
        assertTrue(e.getMessage().contains("P1/s1_pred.tif"), e.getMessage());
        assertEquals("corrected by hand", Files.readString(out.resolve("P1/s1_pred.tif")));
    }

    @Test
    void aCollisionAppearingDuringTheRunRefusesTheCommitAndChangesNothing() throws Exception {
        Path out = tmp.resolve("out");
        run(out, false, "v1", "P1");
        Map<String, String> before;
        try (OutputTransaction tx = begin(out, true)) {
            Files.createDirectories(tx.staging().resolve("P3"));
            Files.writeString(tx.staging().resolve("P3/s1_pred.tif"), "v2");
            Files.writeString(tx.staging().resolve("segmentation.csv"), "v2");
            Files.createDirectories(out.resolve("P3"));
            Files.writeString(out.resolve("P3/s1_pred.tif"), "the user's, copied in meanwhile");
            before = tree(out);
            assertThrows(OutputRefusedException.class, tx::commit);
        }
        assertEquals(before, tree(out));
    }

    @Test
    void aSecondRunIsRefusedWhileTheFirstHoldsTheLockAndAStaleLockIsTakenOver() throws Exception {
        Path out = tmp.resolve("out");
        try (OutputTransaction first = begin(out, false)) {
            assertTrue(OutputLock.isLocked(first.folder()));
            OutputRefusedException e = assertThrows(OutputRefusedException.class, () -> begin(out, true));
            assertTrue(e.getMessage().contains("being written by another brain-tumor run"), e.getMessage());
        }
        // a run killed with SIGKILL leaves its lock and staging folder: a process that has ended owns them
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path real = OutputPaths.real(out);
        Files.writeString(
                OutputLock.lockFile(real),
                "pid " + gone.pid() + "\nhost " + host() + "\nstarted ?\n"
                        + "command segment\nsince 2026-12-05T00:00:00Z\n");
        Path staging = AtomicFiles.sibling(real, ".brain-tumor-staging");
        Files.createDirectories(staging.resolve("P9"));
        Files.writeString(staging.resolve("P9/half.tif"), "half");
        run(out, false, "v1", "P1");
        assertFalse(Files.exists(staging), "the dead run's staging folder is removed");
        assertFalse(Files.exists(out.resolve("P9")), "and none of it published");
    }

    @Test
    void longNamesKeepTheirHelperFilesUnderTheFileSystemLimit() throws Exception {
        Path out = tmp.resolve("o".repeat(215));
        run(out, false, "v1", "P".repeat(215));
        assertEquals("v1", Files.readString(out.resolve("P".repeat(215)).resolve("s1_pred.tif")));
    }

    private static String host() throws IOException {
        return java.net.InetAddress.getLocalHost().getHostName();
    }
}
