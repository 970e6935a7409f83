package io.github.braintumor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FreeCoresTest {

    @Test
    void quietMachineKeepsAllCores() {
        // 2 cpus, 150 ms at 100 Hz = 30 ticks; 2 busy ticks, both our own
        assertEquals(2, FreeCores.free(2, 2, 2, 30, 2));
    }

    @Test
    void oneCoreTakenByAnotherProgramLeavesOne() {
        // another process used 15 of 15 ticks of one core; we used 1 tick
        assertEquals(1, FreeCores.free(2, 2, 16, 30, 1));
    }

    @Test
    void ourOwnStartUpIsNotCountedAsTaken() {
        // JIT and class loading of this JVM kept a whole core busy
        assertEquals(2, FreeCores.free(2, 2, 15, 30, 15));
    }

    @Test
    void neverBelowOneNorAboveAvailable() {
        assertEquals(1, FreeCores.free(4, 4, 60, 60, 0));
        assertEquals(2, FreeCores.free(2, 8, 0, 120, 0)); // taskset to 2 of 8 cpus
        assertEquals(3, FreeCores.free(3, 4, 0, 0, 0)); // no ticks seen: all available
    }

    @Test
    void estimateIsWithinTheAvailableProcessors() {
        int n = FreeCores.estimate();
        assertTrue(n >= 1 && n <= Runtime.getRuntime().availableProcessors(), "estimate " + n);
        assertEquals(n, FreeCores.estimate(), "sampled once, then cached");
    }
}
