package io.github.braintumor.bioimageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.model.BundleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 27, class 6: a package cannot inflate without bound nor make the import open files outside it. */
class PackageBoundsTest {
    @TempDir
    Path tmp;

    @Test
    void inflatingStopsAtTheBoundInsteadOfFillingTheDisk() throws Exception {
        Path zip = tmp.resolve("bomb.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("weights.pt"));
            z.write(new byte[4 << 20]); // 4 MB of zeros deflate to a few kB
            z.closeEntry();
        }
        assertTrue(Files.size(zip) < 100_000, "not a compressed bomb: " + Files.size(zip));
        Path into = Files.createDirectories(tmp.resolve("x"));
        IOException e = assertThrows(IOException.class, () -> ModelDescription.unzip(zip, into, 1 << 20));
        assertTrue(e.getMessage().contains("inflates to more than 1 MB"), e.getMessage());
        assertTrue(Files.size(into.resolve("weights.pt")) <= (1 << 20) + (1 << 16), "kept inflating past the bound");
        assertEquals(ModelDescription.MAX_INFLATED_BYTES, 1L << 30);
    }

    @Test
    void aTestTensorOrWeightsPathOutsideThePackageIsRefused() throws Exception {
        Path pkg = Files.createDirectories(tmp.resolve("pkg"));
        for (String[] outside : new String[][] {
            {"../../../etc/passwd", "test_output.npy", "weights.pt", "test tensor"},
            {"test_input.npy", "/etc/passwd", "weights.pt", "test tensor"},
            {"test_input.npy", "test_output.npy", "../../weights.pt", "torchscript source"}
        }) {
            String rdf = BioImageIoTest.rdf05(
                            BioImageIoTest.ZMUV,
                            BioImageIoTest.SIGMOID,
                            "  torchscript: {source: " + outside[2] + "}\n")
                    .replace("test_tensor: {source: test_input.npy}", "test_tensor: {source: " + outside[0] + "}")
                    .replace("test_tensor: {source: test_output.npy}", "test_tensor: {source: " + outside[1] + "}");
            Files.writeString(pkg.resolve("rdf.yaml"), rdf);
            BundleException e =
                    assertThrows(BundleException.class, () -> ModelDescription.read(pkg, pkg.resolve("rdf.yaml")));
            assertTrue(
                    e.getMessage().contains("the " + outside[3])
                            && e.getMessage().contains("outside the package"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("root:"), "the file outside was read: " + e.getMessage());
        }
    }
}
