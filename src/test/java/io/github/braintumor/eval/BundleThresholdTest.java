package io.github.braintumor.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.ModelKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleThresholdTest {
    @TempDir
    Path tmp;

    @Test
    void writesOnlyTheThreshold() throws Exception {
        ModelInfo info = ModelInfo.builder(ModelKind.UNET).setArchitecture(ModelInfo.unetArchitecture(3, 8, 2))
                .optWeights("weights.params", ModelInfo.FORMAT_DJL, "abc").build();
        Files.writeString(tmp.resolve(ModelBundle.MODEL_JSON), info.toJson());
        BundleThreshold.write(tmp, 0.35);
        ModelInfo back = ModelBundle.readInfo(tmp);
        assertEquals(0.35f, back.threshold());
        assertEquals("abc", back.weightsSha256());
        assertThrows(BundleException.class, () -> BundleThreshold.write(tmp, 1.5));
        assertThrows(BundleException.class, () -> BundleThreshold.write(tmp.resolve("none"), 0.5));
    }
}
