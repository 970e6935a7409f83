package io.github.braintumor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcStatusTest {
    @Test
    void parsesRssPeakAndThreads() {
        ProcStatus s = ProcStatus.parse(
                List.of("Name:\tjava", "VmHWM:\t  2097152 kB", "VmRSS:\t   1048576 kB", "Threads:\t17"));
        assertEquals(1024L * 1048576, s.rssBytes());
        assertEquals(2048L * 1048576, s.peakBytes());
        assertEquals(17, s.threads());
        assertEquals(1024.0, s.rssMb());
        assertEquals(2048.0, s.peakMb());
    }

    @Test
    void missingLinesAreMinusOne() {
        ProcStatus s = ProcStatus.parse(List.of("Name:\tjava"));
        assertEquals(-1, s.rssBytes());
        assertEquals(-1.0, s.peakMb());
        assertEquals(-1, s.threads());
    }

    @Test
    void unexpectedUnitIsAnError() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ProcStatus.parse(List.of("VmRSS:\t 12 MB")));
        assertTrue(e.getMessage().contains("VmRSS"), e.getMessage());
    }

    @Test
    void readsThisProcessOnLinux() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs /proc (Linux)");
        ProcStatus s = ProcStatus.read();
        assertTrue(s.rssBytes() > 0 && s.peakBytes() >= s.rssBytes(), s.toString());
        assertTrue(s.threads() >= 1, s.toString());
    }

    @Test
    void cpuModelFromCpuinfo() {
        assertEquals(
                "Intel(R) Xeon(R) Processor",
                Machine.cpuModel(List.of("processor\t: 0", "model name\t: Intel(R) Xeon(R) Processor", "x: y")));
        assertEquals("unknown", Machine.cpuModel(List.of()));
    }
}
