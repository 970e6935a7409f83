package io.github.braintumor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeMemoryTest {

    @Test
    void countsArraysInSubManagers() {
        DjlEngine.start(EngineOptions.builder().optThreads(1).build());
        try (NDManager root = NDManager.newBaseManager()) {
            root.zeros(new Shape(2));
            NDManager sub = root.newSubManager();
            sub.zeros(new Shape(2));
            sub.ones(new Shape(3));
            assertEquals(3, NativeMemory.liveArrays(root));
            sub.close();
            assertEquals(1, NativeMemory.liveArrays(root));
        }
    }

    @Test
    void parsesProcStatus() {
        assertEquals(1234L * 1024, NativeMemory.parseKb(List.of("Name:\tjava", "VmRSS:\t    1234 kB"), "VmRSS:"));
        assertEquals(-1, NativeMemory.parseKb(List.of("Name:\tjava"), "VmRSS:"));
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            long rss = NativeMemory.residentBytes();
            assertTrue(rss > 1 << 20, "rss " + rss);
            assertTrue(NativeMemory.peakResidentBytes() >= rss);
        }
        assertTrue(NativeMemory.describe().startsWith("rss "));
    }
}
