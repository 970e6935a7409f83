package io.github.braintumor.nn;

import ai.djl.ndarray.NDManager;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.engine.EngineOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared fixture of the nn tests: the engine started once on one thread, and per test a fresh {@link #manager}
 * with the seed re-applied (so initial weights are the same in every run), closed afterwards.
 *
 * <pre>{@code
 * class MyBlockTest extends NnTestSupport {
 *     @Test void shape() { assertEquals(new Shape(1), manager.zeros(new Shape(1)).getShape()); }
 * }
 * }</pre>
 */
abstract class NnTestSupport {

    protected NDManager manager;

    @BeforeAll
    static void startEngine() {
        DjlEngine.start(EngineOptions.builder().optThreads(1).build());
    }

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
        DjlEngine.seed(42);
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }
}
