package io.github.braintumor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnetFlopsTest {

    @Test
    void defaultUnetCostsSixGigaflopPerSlice() {
        // counted by hand from the layer shapes (features 16, depth 4, 256x256): 6,064,963,584 FLOPs
        assertEquals(6.064963584, Benchmark.unetGflopPerSlice(16, 256, 4), 1e-9);
    }

    @Test
    void doublingTheFeaturesQuadruplesAllButTheFirstLayerAndHead() {
        double f16 = Benchmark.unetGflopPerSlice(16, 256, 4);
        double f32 = Benchmark.unetGflopPerSlice(32, 256, 4);
        assertEquals(4.0, f32 / f16, 0.05);
        // the peer's figure for features 32 in BENCHMARKS.md: 24.1 GFLOP/slice
        assertEquals(24.1, f32, 0.1);
    }
}
