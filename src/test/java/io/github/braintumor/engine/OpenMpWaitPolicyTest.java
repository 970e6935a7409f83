package io.github.braintumor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpenMpWaitPolicyTest {

    @Test
    void theEngineStartsWithThePolicyAppliedAndDescribed() {
        DjlEngine.start();
        String user = System.getenv(OpenMpWaitPolicy.VARIABLE);
        String expected = user == null || user.isBlank()
                ? OpenMpWaitPolicy.DEFAULT
                : user.trim().toUpperCase();
        assertEquals(expected, OpenMpWaitPolicy.apply(), "set through libc before libtorch loaded");
        assertTrue(DjlEngine.describe().contains("OpenMP wait " + expected), DjlEngine.describe());
    }
}
