package io.github.braintumor.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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
}
