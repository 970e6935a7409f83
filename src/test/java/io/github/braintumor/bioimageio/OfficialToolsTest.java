package io.github.braintumor.bioimageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.fiji.TinyModels;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our packages checked by bioimage.io's own tools ({@code bioimageio validate-format}, {@code bioimageio test}, the
 * reference implementation over PyTorch), and a package made with its official Python API read by ours. The tools
 * are found at {@code $BIOIMAGEIO_TOOLS} or {@code ~/.cache/brain-tumor/bioimageio/bin/bioimageio} (CI installs
 * them there with {@code ../shared/tools/bioimageio/install.sh}); without them these tests are skipped, not passed.
 */
class OfficialToolsTest {
    static Path tool;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findTools() {
        String env = System.getenv("BIOIMAGEIO_TOOLS");
        tool = env != null && !env.isBlank()
                ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "brain-tumor", "bioimageio", "bin", "bioimageio");
        Assumptions.assumeTrue(
                Files.isExecutable(tool),
                "bioimage.io's tools are not installed at " + tool + " (../shared/tools/bioimageio/install.sh DIR,"
                        + " then BIOIMAGEIO_TOOLS=DIR/bin/bioimageio)");
    }

    /** Runs a command of the tools' virtual environment; @return its exit code and output */
    static Run run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + command);
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    record Run(int code, String output) {}

    /** Both official checks pass on the package at {@code folder}. */
    static void officialToolsAccept(Path folder) throws Exception {
        Run format = run(List.of(
                tool.toString(), "validate-format", folder.resolve("rdf.yaml").toString()));
        assertEquals(0, format.code(), format.output());
        assertTrue(format.output().contains("valid-format"), format.output());
        Run test =
                run(List.of(tool.toString(), "test", folder.resolve("rdf.yaml").toString()));
        assertEquals(0, test.code(), test.output());
        assertTrue(test.output().contains("passed"), test.output());
    }

    @Test
    void aUNetTrainedHereExportsAsAPackageTheReferenceRunnerReproducesAndImportsBackIdentically() throws Exception {
        Path out = tmp.resolve("unet-package");
        BioImageIoExport.builder()
                .setBundle(TinyModels.unet())
                .setOut(out)
                .optLicense("MIT")
                .run();
        assertEquals(
                "percentile-zscore", ModelBundle.readInfo(TinyModels.unet()).normalization());
        officialToolsAccept(out);
        BioImageIoImport.Result back = BioImageIoImport.run(out, tmp.resolve("back"));
        assertEquals(0.0, back.testDifference(), 1e-6);
    }

    @Test
    void aTracedModuleImportedWithImportTorchscriptExportsAsAValidPackage() throws Exception {
        String why = io.github.braintumor.model.TracedModules.unavailableReason();
        Assumptions.assumeTrue(why == null, why);
        Path pt = tmp.resolve("net.pt"); // a file name is the name of last resort: "net.pt" is not a valid one
        assertEquals(
                0,
                io.github.braintumor.model.TracedModules.python("import torch; torch.manual_seed(0)\n"
                        + "m = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3, padding=1), torch.nn.ReLU(),"
                        + " torch.nn.Conv2d(4, 1, 1)).eval()\n"
                        + "torch.jit.trace(m, torch.rand(1, 3, 256, 256)).save('" + pt + "')\n"));
        io.github.braintumor.model.ModelInfo description = io.github.braintumor.model.ModelInfo.builder(
                        io.github.braintumor.model.ModelKind.UNET)
                .setArchitecture(new com.google.gson.JsonObject())
                .optNormalization("divide255")
                .build();
        Path bundle = tmp.resolve("net-bundle");
        io.github.braintumor.model.TorchScriptBundles.importModule(pt, description, bundle)
                .close();
        Path out = tmp.resolve("net-package");
        BioImageIoExport.builder()
                .setBundle(bundle)
                .setOut(out)
                .optLicense("MIT")
                .optName("net.pt")
                .run();
        officialToolsAccept(out);
        assertEquals(0.0, BioImageIoImport.run(out, tmp.resolve("net-back")).testDifference(), 1e-6);
    }

    @Test
    void aThirdPartyPackageFromTheOfficialApiImportsExportsAndPassesAgain() throws Exception {
        Path script = tmp.resolve("third_party_package.py");
        try (InputStream in = getClass().getResourceAsStream("third_party_package.py")) {
            Files.copy(in, script);
        }
        Path python = tool.resolveSibling("python");
        Run made = run(List.of(
                python.toString(), script.toString(), tmp.resolve("made").toString()));
        assertEquals(0, made.code(), made.output());
        Path pkg = tmp.resolve("made").resolve("package");
        officialToolsAccept(pkg); // valid as made
        // a chain of two steps and an output whose range is not declared (but is [0, 1] on its test tensors)
        BioImageIoImport.Result in = BioImageIoImport.run(pkg, tmp.resolve("imported"));
        ModelInfo info = in.info();
        assertEquals("chain:scale-range:1:99.5;clip:0:1", info.normalization());
        assertTrue(in.testDifference() < 1e-4, in.summary());
        Path again = tmp.resolve("exported");
        BioImageIoExport.builder()
                .setBundle(tmp.resolve("imported"))
                .setOut(again)
                .run();
        String rdf = Files.readString(again.resolve("rdf.yaml"));
        assertTrue(
                rdf.contains("Someone Else") && rdf.contains("license: MIT") && rdf.contains("10.1234/example"), rdf);
        officialToolsAccept(again);
        List<String> names = new ArrayList<>();
        try (var files = Files.list(again)) {
            files.forEach(f -> names.add(f.getFileName().toString()));
        }
        assertTrue(names.contains("weights.pt"), names.toString());
    }
}
