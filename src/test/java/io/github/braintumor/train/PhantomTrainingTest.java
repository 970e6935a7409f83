package io.github.braintumor.train;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared fixture of the trainer tests: one {@link Phantoms} data set and split per test class, written under a
 * class-wide temporary folder {@link #dir} (outputs go next to it).
 *
 * <pre>{@code
 * class MyTrainerTest extends PhantomTrainingTest {
 *     @Test void trains() throws Exception { assertEquals(6, set.data().patients().size()); }
 * }
 * }</pre>
 */
abstract class PhantomTrainingTest {
    @TempDir
    static Path dir;

    static Phantoms.Set set;

    @BeforeAll
    static void writePhantoms() throws IOException {
        set = Phantoms.create(dir.resolve("data"));
    }
}
