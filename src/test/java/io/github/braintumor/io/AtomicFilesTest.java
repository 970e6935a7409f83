package io.github.braintumor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void failedWriteKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
        Path file = dir.resolve("a.txt");
        AtomicFiles.writeString(file, "old");
        assertThrows(
                IOException.class,
                () -> AtomicFiles.write(file, out -> {
                    out.write("half".getBytes());
                    throw new IOException("disk full");
                }));
        assertEquals("old", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(
                    List.of("a.txt"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void replacesAndCreatesFolders() throws IOException {
        Path file = dir.resolve("x/y/b.txt");
        AtomicFiles.writeString(file, "1");
        AtomicFiles.writeString(file, "2");
        assertEquals("2", Files.readString(file));
    }

    @Test
    void writeViaTemporaryMovesTheWrittenFileAndKeepsTheOldOneOnFailure() throws IOException {
        Path file = dir.resolve("sub/m.tif");
        AtomicFiles.writeViaTemporary(file, tmp -> {
            assertEquals(
                    ".tif",
                    tmp.getFileName()
                            .toString()
                            .substring(tmp.getFileName().toString().length() - 4));
            Files.writeString(tmp, "one");
        });
        assertEquals("one", Files.readString(file));
        assertThrows(
                IOException.class,
                () -> AtomicFiles.writeViaTemporary(file, tmp -> {
                    Files.writeString(tmp, "half");
                    throw new IOException("disk full");
                }));
        IOException nothing = assertThrows(IOException.class, () -> AtomicFiles.writeViaTemporary(file, tmp -> {}));
        assertTrue(nothing.getMessage().contains("nothing was written"), nothing.getMessage());
        assertEquals("one", Files.readString(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(
                    List.of("m.tif"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void publishDirectoryReplacesAFolderWholeAndShaMatches() throws IOException {
        Path target = dir.resolve("bundle");
        Path first = AtomicFiles.newSiblingTempDir(target);
        Files.writeString(first.resolve("a.txt"), "abc");
        AtomicFiles.publishDirectory(first, target);
        Path second = AtomicFiles.newSiblingTempDir(target);
        Files.writeString(second.resolve("b.txt"), "xyz");
        AtomicFiles.publishDirectory(second, target);
        try (var files = Files.list(target)) {
            assertEquals(
                    List.of("b.txt"), files.map(p -> p.getFileName().toString()).toList());
        }
        try (var files = Files.list(dir)) {
            assertEquals(
                    List.of("bundle"),
                    files.map(p -> p.getFileName().toString()).toList());
        }
        // SHA-256 of "xyz"
        assertEquals(
                "3608bca1e44ea6c4d268eb6db02260269892c0b42b86bbf1e77a6fa16c3c9282",
                AtomicFiles.sha256(target.resolve("b.txt")));
        AtomicFiles.deleteRecursively(target);
        assertTrue(Files.notExists(target));
    }

    @Test
    void leftoversOfAKilledWriterAreRemovedAndNothingElse() throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("unet"));
        Path staged = AtomicFiles.newSiblingTempDir(bundle); // as a training killed while publishing leaves it
        Files.writeString(staged.resolve("model.json"), "{}");
        Path old = Files.createDirectories(dir.resolve(".unet.old-" + java.util.UUID.randomUUID()));
        Path users = Files.createDirectories(dir.resolve(".unet.tmp-mine"));
        Path other = AtomicFiles.newSiblingTempDir(dir.resolve("classifier"));
        assertEquals(2, AtomicFiles.removeLeftovers(bundle));
        assertFalse(Files.exists(staged));
        assertFalse(Files.exists(old));
        assertTrue(Files.isDirectory(users) && Files.isDirectory(other) && Files.isDirectory(bundle));
    }
}
