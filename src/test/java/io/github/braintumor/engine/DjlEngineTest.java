package io.github.braintumor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class DjlEngineTest {

    @Test
    void startsOfflineOnCpuAndIsIdempotent() {
        Engine first = DjlEngine.start(EngineOptions.builder().optThreads(1).build());
        Engine second = DjlEngine.start(EngineOptions.defaults());
        assertSame(first, second);
        assertEquals("PyTorch", first.getEngineName());
        assertEquals("true", System.getProperty(DjlEngine.OFFLINE));
        assertNotNull(System.getProperty(DjlEngine.NUM_THREADS));
        Device device = DjlEngine.device();
        boolean cuda = first.hasCapability(ai.djl.engine.StandardCapabilities.CUDA);
        assertEquals(first.getGpuCount() > 0 && cuda ? Device.gpu() : Device.cpu(), device);
        String text = DjlEngine.describe();
        assertTrue(text.startsWith("PyTorch 2.7.1"), text);
        assertTrue(text.contains("device"), text);
    }

    @Test
    void seedMakesRandomNumbersRepeatable() {
        DjlEngine.start(EngineOptions.builder().optThreads(1).build());
        try (NDManager m = NDManager.newBaseManager()) {
            DjlEngine.seed(5);
            float[] a = m.randomNormal(new Shape(4)).toFloatArray();
            DjlEngine.seed(5);
            float[] b = m.randomNormal(new Shape(4)).toFloatArray();
            DjlEngine.seed(6);
            float[] c = m.randomNormal(new Shape(4)).toFloatArray();
            assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
            assertTrue(!java.util.Arrays.equals(a, c));
        }
    }

    @Test
    void gpuOnlyWhenAllowedVisibleAndSupported() {
        assertEquals(Device.gpu(), DeviceChoice.AUTO.resolve(1, true));
        assertEquals(Device.cpu(), DeviceChoice.CPU.resolve(1, true));
        assertEquals(Device.cpu(), DeviceChoice.AUTO.resolve(0, true));
        assertEquals(Device.cpu(), DeviceChoice.AUTO.resolve(2, false)); // CPU-only libtorch on a GPU machine
        assertEquals(Device.gpu(), DeviceChoice.GPU.resolve(1, true));
        IllegalArgumentException none =
                assertThrows(IllegalArgumentException.class, () -> DeviceChoice.GPU.resolve(0, false));
        assertTrue(none.getMessage().contains("the driver reports none"), none.getMessage());
        IllegalArgumentException cpuBuild =
                assertThrows(IllegalArgumentException.class, () -> DeviceChoice.GPU.resolve(2, false));
        assertTrue(cpuBuild.getMessage().contains("CPU build"), cpuBuild.getMessage());
    }

    @Test
    void deviceChoiceParsesItsIdsAndNamesThemWhenWrong() {
        assertEquals(DeviceChoice.CPU, DeviceChoice.parse(" CPU "));
        assertEquals(DeviceChoice.AUTO, DeviceChoice.parse(""));
        assertEquals("auto,cpu,gpu", String.join(",", DeviceChoice.ids()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceChoice.parse("cuda"));
        assertEquals("device must be auto, cpu or gpu, got 'cuda'", e.getMessage());
    }

    @Test
    void configureChangesThreadsAndDeviceOfTheRunningEngine() {
        DjlEngine.start();
        int before = DjlEngine.options().threads();
        try {
            DjlEngine.configure(1, DeviceChoice.CPU);
            assertEquals(1, ai.djl.pytorch.jni.JniUtils.getNumThreads());
            assertEquals(Device.cpu(), DjlEngine.device());
            assertTrue(DjlEngine.brief().contains("1 thread(s)"), DjlEngine.brief());
            assertThrows(IllegalArgumentException.class, () -> DjlEngine.configure(0, DeviceChoice.CPU));
            if (DjlEngine.device().equals(Device.cpu())
                    && io.github.braintumor.engine.DjlEngine.start().getGpuCount() == 0) {
                assertThrows(IllegalArgumentException.class, () -> DjlEngine.configure(null, DeviceChoice.GPU));
                assertEquals(DeviceChoice.CPU, DjlEngine.options().device()); // a refused choice changes nothing
            }
        } finally {
            DjlEngine.configure(before, DeviceChoice.AUTO);
        }
    }

    @Test
    void optionsDefaultsAndValidation() {
        EngineOptions d = EngineOptions.defaults();
        // the free cores while the defaults are built (FreeCoresTest has the rule): all of them on a quiet machine,
        // fewer while something else runs, never none
        assertTrue(d.threads() >= 1 && d.threads() <= Runtime.getRuntime().availableProcessors(), "" + d.threads());
        assertEquals(1, d.interopThreads());
        assertEquals(42L, d.seed());
        assertEquals(DeviceChoice.AUTO, d.device());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> EngineOptions.builder().optThreads(0).build());
        assertTrue(e.getMessage().contains("threads"), e.getMessage());
    }

    @Test
    void workersFollowThreadsAPersonSetElseTakeEveryProcessor() {
        // a busy core does not hold a pool up, so the default workers ignore the free-core sample
        assertEquals(
                Runtime.getRuntime().availableProcessors(),
                EngineOptions.defaults().workers());
        assertEquals(3, EngineOptions.builder().optThreads(3).build().workers());
        assertEquals(
                5, EngineOptions.builder().optThreads(3).optWorkers(5).build().workers());
        assertThrows(
                IllegalArgumentException.class,
                () -> EngineOptions.builder().optWorkers(0).build());
        String key = "braintumor.test.count";
        try {
            System.setProperty(key, "0");
            assertEquals(null, DjlEngine.userCount(key), "0 means the default");
            System.setProperty(key, " 1 ");
            assertEquals(1, DjlEngine.userCount(key));
            System.setProperty(key, "100000"); // 100,000 threads hung the machine: beyond the processors is refused
            IllegalArgumentException many =
                    assertThrows(IllegalArgumentException.class, () -> DjlEngine.userCount(key));
            assertTrue(many.getMessage().contains("processors"), many.getMessage());
            System.setProperty(key, "four");
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> DjlEngine.userCount(key));
            assertTrue(
                    bad.getMessage().contains("whole number")
                            && bad.getMessage().contains("four"),
                    bad.getMessage());
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void configureSetsWorkersAsItSetsThreads() {
        DjlEngine.start();
        EngineOptions before = DjlEngine.options();
        try {
            DjlEngine.configure(1, 3, before.device());
            assertEquals(1, DjlEngine.options().threads());
            assertEquals(3, DjlEngine.options().workers());
            assertTrue(DjlEngine.describe().contains("3 inference worker(s)"), DjlEngine.describe());
            DjlEngine.configure(2, before.device()); // workers follow threads
            assertEquals(2, DjlEngine.options().workers());
            DjlEngine.configure(null, before.device()); // kept
            assertEquals(2, DjlEngine.options().workers());
            assertThrows(IllegalArgumentException.class, () -> DjlEngine.configure(1, 0, before.device()));
        } finally {
            DjlEngine.configure(before.threads(), before.workers(), before.device());
        }
    }

    @Test
    void unavailableMessageNamesTheJarAndTheVariable() {
        String m = DjlEngine.unavailableMessage(new UnsatisfiedLinkError("no torch"));
        assertTrue(m.contains("ai.djl.pytorch:pytorch-native-cpu:2.7.1:" + DjlEngine.nativeClassifier()), m);
        assertTrue(m.contains("PYTORCH_LIBRARY_PATH"), m);
        assertTrue(m.contains("no torch"), m);
    }

    @Test
    void zeroOrBlankThreadPropertyMeansTheDefaultAndGarbageIsOneLine() {
        String key = "braintumor.test.threads";
        try {
            System.setProperty(key, "0");
            DjlEngine.threadsProperty(key, 3);
            assertEquals("3", System.getProperty(key)); // PyTorch would refuse 0 threads
            System.setProperty(key, "1");
            DjlEngine.threadsProperty(key, 3);
            assertEquals("1", System.getProperty(key)); // the user's positive value is kept
            System.setProperty(key, "two");
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> DjlEngine.threadsProperty(key, 3));
            assertTrue(e.getMessage().contains("'two'") && !e.getMessage().contains("\n"), e.getMessage());
        } finally {
            System.clearProperty(key);
        }
    }
}
