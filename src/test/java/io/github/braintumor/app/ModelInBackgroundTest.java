package io.github.braintumor.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelInBackgroundTest {
    @TempDir
    Path dir;

    @Test
    void loadsOnceAndGivesTheSameBundleEachTime() throws Exception {
        try (ModelInBackground unet = ModelInBackground.start("", ModelKind.UNET)) {
            ModelBundle first = unet.get();
            assertSame(first, unet.get());
            assertEquals(ModelKind.UNET, first.kind());
        }
    }

    @Test
    void aFailedLoadIsThrownAsTheLoadThrewItEachTime() {
        String missing = dir.resolve("no-such-bundle").toString();
        try (ModelInBackground unet = ModelInBackground.start(missing, ModelKind.UNET)) {
            IllegalArgumentException first = assertThrows(IllegalArgumentException.class, unet::get);
            assertTrue(first.getMessage().contains("model not found"), first.getMessage());
            assertSame(first, assertThrows(IllegalArgumentException.class, unet::get));
        }
    }
}
