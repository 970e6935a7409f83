package io.github.braintumor.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Tiny PyTorch modules traced by Debian's PyTorch ({@code /usr/bin/python3 -c "import torch"}) for import tests. */
public final class TracedModules {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static Boolean available;

    private TracedModules() {}

    /** @return null when PyTorch can trace here, else why not (for the skip message) */
    public static synchronized String unavailableReason() throws IOException, InterruptedException {
        if (available == null) available = Files.isExecutable(PYTHON) && python("import torch") == 0;
        return available ? null : PYTHON + " with torch is absent (apt-get install python3-torch)";
    }

    /**
     * Traces {@code module} (a Python expression using {@code torch} and {@code nn}) on a (1, 3, size, size) input
     * and saves it to {@code pt}; the seed is fixed so the weights are the same every run.
     */
    public static Path trace(Path pt, String module, int size) throws IOException, InterruptedException {
        String script = "import torch; from torch import nn; torch.manual_seed(0); m = (" + module + ").eval(); "
                + "torch.jit.trace(m, torch.rand(1, 3, " + size + ", " + size + ")).save('" + pt + "')";
        if (python(script) != 0) throw new IOException("tracing failed: " + module);
        return pt;
    }

    /** A per-pixel score: one 3x3 convolution, (1, 3, S, S) -> (1, 1, S, S) logits. */
    public static final String PIXEL_LOGITS = "nn.Conv2d(3, 1, 3, padding=1)";
    /** A per-slice score: convolution, global average, (1, 3, S, S) -> (1, 1) logits. */
    public static final String SLICE_LOGITS =
            "nn.Sequential(nn.Conv2d(3, 1, 3, padding=1), nn.AdaptiveAvgPool2d(1)," + " nn.Flatten())";
    /** Two channels per pixel: the wrong shape for a UNet bundle. */
    public static final String TWO_CHANNELS = "nn.Conv2d(3, 2, 3, padding=1)";

    /** Runs a Python script with Debian's PyTorch; its output goes to the test log. */
    public static int python(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", script)
                .redirectErrorStream(true)
                .start();
        p.getInputStream().transferTo(System.out);
        return p.waitFor(120, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
