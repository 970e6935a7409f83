package io.github.braintumor.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output-ownership rule on its own: what may be written, what is refused. */
class OutputPathsTest {
    @TempDir
    Path tmp;

    @Test
    void absentEmptyOrOwnFoldersMayBeUsed() throws Exception {
        assertDoesNotThrow(() -> OutputPaths.checkFolder(tmp.resolve("new/deeper"), "segment"));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertDoesNotThrow(() -> OutputPaths.checkFolder(empty, "segment"));
        OutputPaths.claimFolder(empty, "segment");
        Files.writeString(empty.resolve("segmentation.csv"), "x");
        assertDoesNotThrow(() -> OutputPaths.checkFolder(empty, "segment"));
        OutputRefusedException other =
                assertThrows(OutputRefusedException.class, () -> OutputPaths.checkFolder(empty, "evaluate"));
        assertTrue(other.getMessage().contains("output of 'segment'"), other.getMessage());
    }

    @Test
    void bundlesAreRecognisedByTheirModelJson() throws Exception {
        Path bundle = Files.createDirectories(tmp.resolve("unet"));
        Files.writeString(bundle.resolve("model.json"), "{\n  \"formatVersion\": 1,\n  \"kind\": \"unet\"\n}");
        Files.writeString(bundle.resolve("weights-0001.params"), "w");
        assertDoesNotThrow(() -> OutputPaths.checkBundle(bundle));
        Path foreign = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(foreign.resolve("model.json"), "{\"name\": \"someone else's\"}");
        assertThrows(OutputRefusedException.class, () -> OutputPaths.checkBundle(foreign));
        // an output folder of ours is not a bundle: training would replace it whole
        Path marked = Files.createDirectories(tmp.resolve("marked"));
        OutputPaths.claimFolder(marked, "segment");
        assertThrows(OutputRefusedException.class, () -> OutputPaths.checkBundle(marked));
    }

    @Test
    void inputsLinksAndSpellingsAreSeenThrough() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data/kaggle_3m"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), data);
        OutputRefusedException e = assertThrows(
                OutputRefusedException.class,
                () -> OutputPaths.checkFolder(link.resolve("out"), "segment", tmp.resolve("data/./kaggle_3m")));
        assertTrue(e.getMessage().contains("is inside the input"), e.getMessage());
        assertThrows(
                OutputRefusedException.class,
                () -> OutputPaths.checkFolder(tmp.resolve("data/kaggle_3m/.."), "segment", data));
    }

    @Test
    void unclaimRemovesOnlyAnUnusedMarker() throws Exception {
        Path out = tmp.resolve("out");
        OutputPaths.claimFolder(out, "evaluate");
        OutputPaths.unclaim(out, "evaluate", true);
        assertFalse(Files.exists(out));
        OutputPaths.claimFolder(out, "evaluate");
        Files.writeString(out.resolve("summary.json"), "{}");
        OutputPaths.unclaim(out, "evaluate", true);
        assertTrue(Files.isRegularFile(out.resolve(OutputPaths.MARKER)));
        assertEquals("evaluate", OutputPaths.owner(out));
    }

    @Test
    void overwriteRemovesOnlyWhatTheEarlierRunRecorded() throws Exception {
        Path out = tmp.resolve("out");
        OutputPaths.recordWritten(out, "segment", java.util.List.of("a.csv"));
        Files.writeString(out.resolve("a.csv"), "x");
        Files.writeString(out.resolve("mine.txt"), "kept");
        Files.writeString(tmp.resolve("outside.txt"), "kept");
        // a hand-edited marker may not reach outside the folder
        Files.writeString(
                out.resolve(OutputPaths.MARKER),
                Files.readString(out.resolve(OutputPaths.MARKER)) + "written: ../outside.txt\n");
        assertThrows(OutputRefusedException.class, () -> OutputPaths.checkFolder(out, "segment", false));
        assertDoesNotThrow(() -> OutputPaths.checkFolder(out, "segment", true));
        assertEquals(java.util.List.of("a.csv"), OutputPaths.removeEarlier(out, "segment"));
        assertFalse(Files.exists(out.resolve("a.csv")));
        assertTrue(Files.exists(out.resolve("mine.txt")) && Files.exists(tmp.resolve("outside.txt")));
        assertEquals("segment", OutputPaths.owner(out));
    }
}
