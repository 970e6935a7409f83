package io.github.braintumor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FreeCoresTest {

    /** A 150 ms window at 100 Hz is 15 ticks per cpu. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "quiet machine keeps all cores,             2, 2, 2, 30, 2, 2",
        "one core taken by another program,         1, 2, 16, 30, 1, 2",
        "our own JIT and class loading not counted, 2, 2, 15, 30, 15, 2",
        "never below one,                           1, 4, 60, 60, 0, 4",
        "never above available (taskset 2 of 8),    2, 8, 0, 120, 0, 2",
        "no ticks seen: all available,              3, 4, 0, 0, 0, 3",
    })
    void freeCores(String what, int expected, int cpus, long busy, long total, long own, int available) {
        assertEquals(expected, FreeCores.free(available, cpus, busy, total, own), what);
    }

    @Test
    void estimateIsWithinTheAvailableProcessors() {
        int n = FreeCores.estimate();
        assertTrue(n >= 1 && n <= Runtime.getRuntime().availableProcessors(), "estimate " + n);
        assertEquals(n, FreeCores.estimate(), "sampled once, then cached");
    }

    @Test
    void explicitThreadsAreKept() {
        assertEquals(3, EngineOptions.builder().optThreads(3).build().threads());
    }
}
