package io.github.braintumor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimingTest {
    @Test
    void medianOfOddAndEvenCountsAsPythonStatistics() {
        assertEquals(3.0, Timing.median(new double[] {5, 1, 3}));
        assertEquals(2.5, Timing.median(new double[] {4, 1, 3, 2}));
        assertEquals(7.0, Timing.median(new double[] {7}));
        assertThrows(IllegalArgumentException.class, () -> Timing.median(new double[0]));
    }

    @Test
    void medianDoesNotReorderTheCallersArray() {
        double[] v = {3, 1, 2};
        Timing.median(v);
        assertEquals(3.0, v[0]);
    }

    @Test
    void ofKeepsMinMaxAndCounts() {
        Timing t = Timing.of(new double[] {20, 10, 40, 30, 50}, 2);
        assertEquals(30.0, t.medianMs());
        assertEquals(10.0, t.minMs());
        assertEquals(50.0, t.maxMs());
        assertEquals(5, t.runs());
        assertEquals(2, t.warmup());
        assertEquals(8 * 1000.0 / 30, t.perSecond(8), 1e-9);
    }

    @Test
    void measureRunsWarmupPlusTimedRuns() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Timing t = Timing.measure(2, 3, calls::incrementAndGet);
        assertEquals(5, calls.get());
        assertEquals(3, t.runs());
        assertTrue(t.minMs() <= t.medianMs() && t.medianMs() <= t.maxMs());
        assertThrows(IllegalArgumentException.class, () -> Timing.measure(0, 0, calls::incrementAndGet));
    }

    @Test
    void mapHasThePeersKeys() {
        Map<String, Object> m = Timing.of(new double[] {100, 200, 300}, 1).toMap(8);
        assertEquals(
                List.of("median_ms", "min_ms", "max_ms", "runs", "warmup", "slices_per_s"), List.copyOf(m.keySet()));
        assertEquals(40.0, m.get("slices_per_s"));
    }
}
