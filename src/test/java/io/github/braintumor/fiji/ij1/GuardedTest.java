package io.github.braintumor.fiji.ij1;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 29 (diagnosis): a user's mistake is one line; a bug leaves its stack trace in the Console. */
class GuardedTest {
    private static String consoleOf(Ij1.Body body) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            Ij1.guarded("Test Command", body);
        } finally {
            System.setErr(saved);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBugLeavesItsStackTraceAndAUserMistakeDoesNot() {
        String bug = consoleOf(() -> {
            throw new NullPointerException("boom in the code");
        });
        assertTrue(bug.contains("NullPointerException: boom in the code") && bug.contains("\tat "), bug);
        String mistake = consoleOf(() -> {
            throw new IllegalArgumentException("threshold must be between 0 and 1, got 7");
        });
        assertFalse(mistake.contains("\tat "), mistake);
        // an IllegalArgumentException from inside the JDK is not a refusal of ours: a bug, with its trace
        String jdk = consoleOf(() -> System.out.println(Integer.parseInt("not a number")));
        assertTrue(jdk.contains("NumberFormatException") && jdk.contains("\tat "), jdk);
    }
}
