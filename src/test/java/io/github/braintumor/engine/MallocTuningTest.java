package io.github.braintumor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MallocTuningTest {
    @Test
    void tunesUnlessTheUserOrTheLauncherSaidOtherwise() {
        assertEquals("tuned", MallocTuning.decide(Map.of(), null, "Linux"));
        assertEquals("off", MallocTuning.decide(Map.of("BRAIN_TUMOR_MALLOC", "0"), null, "Linux"));
        assertEquals("off", MallocTuning.decide(Map.of(), "false", "Linux"));
        assertEquals("launcher", MallocTuning.decide(Map.of("BRAIN_TUMOR_MALLOC", "launcher"), null, "Linux"));
        assertEquals("user", MallocTuning.decide(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2"), null, "Linux"));
        assertEquals("tuned", MallocTuning.decide(Map.of("GLIBC_TUNABLES", " "), null, "Linux"));
        assertEquals("unavailable", MallocTuning.decide(Map.of(), null, "Mac OS X"));
        assertEquals("unavailable", MallocTuning.decide(Map.of(), null, "Windows 11"));
    }

    @Test
    void theEngineLineNamesWhatWasDone() {
        DjlEngine.start();
        String expected = MallocTuning.decide(System.getenv(), System.getProperty("braintumor.malloc"), "Linux");
        String state = MallocTuning.apply();
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertEquals(expected, state, "glibc's mallopt accepts the three settings here");
        }
        assertEquals(state, MallocTuning.apply(), "applied once");
        assertTrue(DjlEngine.describe().contains("malloc " + state), DjlEngine.describe());
    }
}
