package io.github.braintumor.spark;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only: makes a task die half-way through a patient, on its first attempt only, as a killed executor would
 * (its half-written temporary folder is left behind), or right after it published the patient's folder. Switched
 * on by the system properties {@value #PROPERTY} and {@value #AFTER_PUBLISH} (patient ids separated by commas) in
 * the JVM that runs the task, i.e. in local mode the test's own JVM.
 * Never set in production; unset, it costs one property lookup per patient.
 */
public final class FaultInjection {
    public static final String PROPERTY = "braintumor.spark.test.failOnce";
    /** Patient ids whose first attempt dies right after publishing its complete folder (before reporting back). */
    public static final String AFTER_PUBLISH = "braintumor.spark.test.failOnceAfterPublish";

    private static final AtomicInteger FIRED = new AtomicInteger();

    private FaultInjection() {}

    /** Thrown by the hook; not caught as a patient failure, so Spark retries the task. */
    public static final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFault(String message) {
            super(message);
        }
    }

    /** @return how often the hook fired in this JVM */
    public static int fired() {
        return FIRED.get();
    }

    /** Throws when {@code patient} is listed in {@value #PROPERTY} and this is the task's first attempt. */
    static void maybeFail(String patient, int attempt) {
        maybeFail(PROPERTY, patient, attempt);
    }

    /** Throws when {@code patient} is listed in {@value #AFTER_PUBLISH} and this is the task's first attempt. */
    static void maybeFailAfterPublish(String patient, int attempt) {
        maybeFail(AFTER_PUBLISH, patient, attempt);
    }

    private static void maybeFail(String property, String patient, int attempt) {
        String list = System.getProperty(property);
        if (list == null || attempt > 0) return;
        if (Arrays.stream(list.split(",")).map(String::trim).anyMatch(patient::equals)) {
            FIRED.incrementAndGet();
            throw new InjectedFault("injected fault in patient " + patient + " (attempt " + attempt + ")");
        }
    }
}
