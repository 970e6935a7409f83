package io.github.braintumor.bioimageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.fiji.TinyModels;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.TracedModules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bioimage.io packages built here (weights traced and test tensors computed by Debian's PyTorch and numpy, so the
 * expected outputs do not come from this code) are imported, refused where they cannot be mapped, and exported.
 */
class BioImageIoTest {
    @TempDir
    Path tmp;

    /** Weights and test tensors of a package: {@code module} traced at 64x64, test output after {@code pre}/{@code post}. */
    Path pythonPackage(String name, String module, String pre, String post) throws Exception {
        String why = TracedModules.unavailableReason();
        Assumptions.assumeTrue(why == null, why);
        Path dir = Files.createDirectories(tmp.resolve(name));
        String script = "import torch, numpy as np; from torch import nn; torch.manual_seed(0); np.random.seed(0)\n"
                + "m = (" + module + ").eval()\n"
                + "x = (np.random.rand(1, 3, 64, 64) * 255).astype(np.float32)\n"
                + "torch.jit.trace(m, torch.rand(1, 3, 64, 64)).save('" + dir.resolve("weights.pt") + "')\n"
                + "def pre(x):\n    " + pre + "\n"
                + "def post(y):\n    " + post + "\n"
                + "with torch.no_grad(): y = post(m(torch.from_numpy(pre(x))).numpy())\n"
                + "np.save('" + dir.resolve("test_input.npy") + "', x); np.save('" + dir.resolve("test_output.npy")
                + "', y.astype(np.float32))\n";
        assertEquals(0, TracedModules.python(script));
        return dir;
    }

    static String rdf05(String preprocessing, String postprocessing, String weights) {
        return "format_version: 0.5.3\ntype: model\nname: test pixel model\nlicense: MIT\n"
                + "inputs:\n- id: raw\n  axes:\n  - type: batch\n  - type: channel\n    channel_names: [a, b, c]\n"
                + "  - {type: space, id: y, size: {min: 64, step: 64}}\n  - {type: space, id: x, size: {min: 64, step: 64}}\n"
                + "  test_tensor: {source: test_input.npy}\n  preprocessing:\n" + preprocessing
                + "outputs:\n- id: prob\n  axes:\n  - type: batch\n  - type: channel\n    channel_names: [p]\n"
                + "  - {type: space, id: y, size: {tensor_id: raw, axis_id: y}}\n"
                + "  - {type: space, id: x, size: {tensor_id: raw, axis_id: x}}\n"
                + "  test_tensor: {source: test_output.npy}\n  data: {range: [0.0, 1.0]}\n  postprocessing:\n"
                + postprocessing + "weights:\n" + weights;
    }

    static final String ZMUV = "  - id: ensure_dtype\n    kwargs: {dtype: float32}\n"
            + "  - id: zero_mean_unit_variance\n    kwargs: {axes: [x, y]}\n";
    static final String ZMUV_PY = "mean = x.mean(axis=(2, 3), keepdims=True); std = x.std(axis=(2, 3), keepdims=True);"
            + " return ((x - mean) / (std + 1e-6)).astype(np.float32)";
    static final String SIGMOID = "  - id: sigmoid\n";
    static final String TORCHSCRIPT = "  torchscript: {source: weights.pt}\n";

    @Test
    void aPackageOfFormat05ImportsReproducesItsTestOutputAndSegments() throws Exception {
        Path pkg = pythonPackage("zmuv", "nn.Conv2d(3, 1, 3, padding=1)", ZMUV_PY, "return 1 / (1 + np.exp(-y))");
        Files.writeString(pkg.resolve("rdf.yaml"), rdf05(ZMUV, SIGMOID, TORCHSCRIPT));
        BioImageIoImport.Result r = BioImageIoImport.run(pkg, tmp.resolve("bundle"));
        ModelInfo info = ModelBundle.readInfo(tmp.resolve("bundle"));
        assertEquals("zero-mean-unit-variance", info.normalization());
        assertEquals("logits", info.architectureString("output", ""));
        assertEquals("MIT", info.architectureString("license", ""));
        assertEquals(256, info.modelInputSize(), "min 64 step 64 allows the slices' own 256");
        assertTrue(r.testDifference() < 1e-4, "test output differs by " + r.testDifference());
        assertTrue(r.summary().contains("test output reproduced"), r.summary());

        // exported again: a complete package whose own test output the re-import reproduces
        BioImageIoExport.Result e = BioImageIoExport.builder()
                .setBundle(tmp.resolve("bundle"))
                .setOut(tmp.resolve("exported"))
                .run();
        assertTrue(e.runnable());
        ModelDescription d;
        try (ModelDescription.Opened o = ModelDescription.open(tmp.resolve("exported"))) {
            d = o.description();
            assertEquals(List.of("b", "c", "y", "x"), d.input().axes());
            assertEquals("MIT", d.license());
            assertEquals(List.of("torchscript"), d.weightFormats());
        }
        BioImageIoImport.Result again = BioImageIoImport.run(tmp.resolve("exported"), tmp.resolve("bundle-again"));
        assertEquals("zero-mean-unit-variance", again.info().normalization());
        assertTrue(again.testDifference() < 1e-5, "round trip differs by " + again.testDifference());
    }

    @Test
    void format04WithScaleLinearAndBinarizeMapsToDivide255AndItsThreshold() throws Exception {
        Path pkg = pythonPackage(
                "linear",
                "nn.Sequential(nn.Conv2d(3, 1, 3, padding=1), nn.Sigmoid())",
                "return (x / 255).astype(np.float32)",
                "return (y > 0.6).astype(np.float32)");
        Files.writeString(
                pkg.resolve("rdf.yaml"),
                "format_version: 0.4.9\ntype: model\nname: linear\n"
                        + "inputs:\n- name: raw\n  axes: bcyx\n  data_type: float32\n  shape: [1, 3, 64, 64]\n"
                        + "  preprocessing:\n  - name: scale_linear\n    kwargs: {gain: 0.00392156862745098, offset: 0, axes: yx}\n"
                        + "outputs:\n- name: out\n  axes: bcyx\n  data_range: [0, 1]\n  postprocessing:\n"
                        + "  - name: binarize\n    kwargs: {threshold: 0.6}\n"
                        + "test_inputs: [test_input.npy]\ntest_outputs: [test_output.npy]\n"
                        + "weights:\n  torchscript: {source: weights.pt}\n");
        // zipped, as bioimage.io hands packages out
        Path zip = tmp.resolve("linear.zip");
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip));
                var files = Files.list(pkg)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                z.putNextEntry(new java.util.zip.ZipEntry(f.getFileName().toString()));
                Files.copy(f, z);
                z.closeEntry();
            }
        }
        BioImageIoImport.Result r = BioImageIoImport.run(zip, tmp.resolve("bundle"));
        assertEquals("divide255", r.info().normalization());
        assertEquals(0.6f, r.info().threshold());
        assertEquals("probabilities", r.info().architectureString("output", ""));
        assertEquals(64, r.info().modelInputSize());
        assertTrue(r.testDifference() <= 1e-3, "share of differing pixels " + r.testDifference());
    }

    @Test
    void whatCannotBeMappedIsRefusedWithTheReasonAndWritesNothing() throws Exception {
        Path pkg = pythonPackage("refused", "nn.Conv2d(3, 1, 3, padding=1)", ZMUV_PY, "return 1 / (1 + np.exp(-y))");
        Path bundle = tmp.resolve("never");
        Files.writeString(pkg.resolve("rdf.yaml"), rdf05(ZMUV, SIGMOID, "  onnx: {source: weights.onnx}\n"));
        assertRefused(pkg, bundle, "has no TorchScript weights (it has: onnx)");
        Files.writeString(pkg.resolve("rdf.yaml"), rdf05(ZMUV + "  - id: scale_mean_variance\n", SIGMOID, TORCHSCRIPT));
        assertRefused(pkg, bundle, "preprocessing 'scale_mean_variance' is not supported");
        Files.writeString(pkg.resolve("rdf.yaml"), rdf05(ZMUV, "  - id: scale_range\n", TORCHSCRIPT));
        assertRefused(pkg, bundle, "postprocessing [scale_range] is not supported");
        // no sigmoid and no declared range: the test output decides, and this one (raw convolutions) is not [0, 1]
        Path raw = pythonPackage("raw", "nn.Conv2d(3, 1, 3, padding=1)", ZMUV_PY, "return y");
        Files.writeString(
                raw.resolve("rdf.yaml"), rdf05(ZMUV, "", TORCHSCRIPT).replace("  data: {range: [0.0, 1.0]}\n", ""));
        assertRefused(raw, bundle, "outside [0, 1]");
        Files.writeString(
                pkg.resolve("rdf.yaml"), rdf05(ZMUV, SIGMOID, TORCHSCRIPT).replace("[a, b, c]", "[a]"));
        assertRefused(pkg, bundle, "takes 1 channel(s)");
        // a description that does not match its weights: the test output is not reproduced
        Files.writeString(
                pkg.resolve("rdf.yaml"),
                rdf05("  - id: scale_linear\n    kwargs: {gain: 0.5}\n", SIGMOID, TORCHSCRIPT));
        assertRefused(pkg, bundle, "does not reproduce the package's test output");
        // ... and refused over an existing bundle, even with overwrite, that bundle stays exactly as it was
        Path existing = tmp.resolve("existing");
        Files.createDirectories(existing);
        try (var files = Files.list(TinyModels.unet())) {
            for (Path f : files.toList())
                Files.copy(f, existing.resolve(f.getFileName().toString()));
        }
        String before = io.github.braintumor.io.AtomicFiles.sha256(existing.resolve(ModelBundle.MODEL_JSON));
        BundleException replaced = assertThrows(BundleException.class, () -> BioImageIoImport.run(pkg, existing, true));
        assertTrue(replaced.getMessage().contains("nothing was changed"), replaced.getMessage());
        assertEquals(before, io.github.braintumor.io.AtomicFiles.sha256(existing.resolve(ModelBundle.MODEL_JSON)));
        assertEquals(
                io.github.braintumor.model.ModelKind.UNET,
                ModelBundle.readInfo(existing).modelKind());
        // without overwrite an existing model is refused before the package is even read
        assertThrows(io.github.braintumor.io.OutputRefusedException.class, () -> BioImageIoImport.run(pkg, existing));
        Files.writeString(pkg.resolve("rdf.yaml"), "type: dataset\nname: x\n");
        assertRefused(pkg, bundle, "describes a 'dataset', not a model");
    }

    private static void assertRefused(Path pkg, Path bundle, String reason) {
        BundleException e = assertThrows(BundleException.class, () -> BioImageIoImport.run(pkg, bundle));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(Files.exists(bundle), "bundle written for a refused package");
    }

    @Test
    void aDjlBundleExportsAsTorchScriptThatImportsBackWithItsTestOutput() throws Exception {
        Path out = tmp.resolve("card");
        // phantom-trained: no licence is known, so the export asks for one instead of guessing
        BundleException noLicence = assertThrows(
                BundleException.class,
                () -> BioImageIoExport.builder()
                        .setBundle(TinyModels.unet())
                        .setOut(out)
                        .run());
        assertTrue(noLicence.getMessage().contains("--license"), noLicence.getMessage());
        assertFalse(Files.exists(out));
        BioImageIoExport.Result r = BioImageIoExport.builder()
                .setBundle(TinyModels.unet())
                .setOut(out)
                .optLicense("MIT")
                .optAuthors(List.of("A. Researcher", "B. Clinician"))
                .run();
        assertTrue(r.runnable());
        for (String f :
                List.of("rdf.yaml", "README.md", "cover.png", "test_input.npy", "test_output.npy", "weights.pt")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        String yaml = Files.readString(out.resolve("rdf.yaml"));
        assertTrue(
                yaml.contains("license: MIT")
                        && yaml.contains("code_license: BSD-2-Clause")
                        && yaml.contains("name: A. Researcher")
                        && yaml.contains("torchscript:")
                        && !yaml.contains("version: dev")
                        && !yaml.contains("CC-BY-NC-SA"),
                yaml);
        ModelInfo info = ModelBundle.readInfo(TinyModels.unet());
        int side = info.modelInputSize();
        Npy.Array in = Npy.read(out.resolve("test_input.npy"));
        Npy.Array y = Npy.read(out.resolve("test_output.npy"));
        assertEquals(
                List.of(1L, 3L, (long) side, (long) side),
                java.util.Arrays.stream(in.shape()).boxed().toList());
        assertEquals(side * side, y.data().length);
        for (float v : y.data()) assertTrue(v >= 0 && v <= 1, "probability " + v);
        // the written TorchScript (normalising its raw input itself) imports back and reproduces the test output
        BioImageIoImport.Result again = BioImageIoImport.run(out, tmp.resolve("again"));
        assertTrue(again.testDifference() < 1e-5, "round trip differs by " + again.testDifference());
        assertEquals(ModelInfo.FORMAT_TORCHSCRIPT, again.info().weightsFormat());
        assertEquals(
                "A. Researcher",
                again.info().architecture().getAsJsonArray("authors").get(0).getAsString());
        // ... and exports again with the metadata it came with
        BioImageIoExport.Result second = BioImageIoExport.builder()
                .setBundle(tmp.resolve("again"))
                .setOut(tmp.resolve("second"))
                .run();
        String secondYaml = Files.readString(tmp.resolve("second").resolve("rdf.yaml"));
        assertTrue(secondYaml.contains("license: MIT") && secondYaml.contains("name: B. Clinician"), secondYaml);
        assertTrue(second.summary().contains("TorchScript"), second.summary());
        if (TracedModules.unavailableReason() == null) {
            // PyTorch itself (Debian's, not this plugin's libtorch) loads the file and gives the same output
            assertEquals(
                    0,
                    TracedModules.python("import torch, numpy as np\n"
                            + "m = torch.jit.load('" + out.resolve("weights.pt") + "')\n"
                            + "x = torch.from_numpy(np.load('" + out.resolve("test_input.npy") + "'))\n"
                            + "with torch.no_grad(): y = torch.sigmoid(m(x)).numpy()\n"
                            + "d = abs(y - np.load('" + out.resolve("test_output.npy") + "')).max()\n"
                            + "assert d < 1e-5, d\n"));
        }
        // a second export into the folder it wrote is refused unless asked to overwrite, which keeps others' files
        assertThrows(
                io.github.braintumor.io.OutputRefusedException.class,
                () -> BioImageIoExport.builder()
                        .setBundle(TinyModels.unet())
                        .setOut(out)
                        .optLicense("MIT")
                        .run());
        Files.writeString(out.resolve("my-notes.txt"), "mine");
        BioImageIoExport.builder()
                .setBundle(TinyModels.unet())
                .setOut(out)
                .optLicense("CC-BY-4.0")
                .optOverwrite(true)
                .run();
        assertTrue(Files.isRegularFile(out.resolve("my-notes.txt")));
        String replaced = Files.readString(out.resolve("rdf.yaml"));
        assertTrue(replaced.contains("license: CC-BY-4.0"), replaced);
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "mine");
        assertThrows(
                io.github.braintumor.io.OutputRefusedException.class,
                () -> BioImageIoExport.builder()
                        .setBundle(TinyModels.unet())
                        .setOut(mine)
                        .optLicense("MIT")
                        .run());
    }

    @Test
    void packageNamesKeepToWhatBioimageIoAllows() {
        assertEquals("peer_pt", ExportMetadata.packageName("peer.pt"));
        assertEquals(
                "Brain Tumor default UNet (tumour segmentation)",
                ExportMetadata.packageName("Brain Tumor default UNet (tumour segmentation)"));
        assertEquals("ab model", ExportMetadata.packageName("ab"));
        assertEquals(128, ExportMetadata.packageName("x".repeat(300)).length());
    }

    @Test
    void npyWrittenHereIsReadByNumpyAndBack() throws Exception {
        Path f = tmp.resolve("a.npy");
        Npy.write(f, new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6.5f});
        Npy.Array a = Npy.read(f);
        assertEquals(List.of(2L, 3L), java.util.Arrays.stream(a.shape()).boxed().toList());
        assertEquals(6.5f, a.data()[5]);
        if (TracedModules.unavailableReason() == null) {
            assertEquals(
                    0,
                    TracedModules.python("import numpy as np; a = np.load('" + f + "'); "
                            + "assert a.shape == (2, 3) and a.dtype == np.float32 and a[1, 2] == 6.5, a"));
        }
    }
}
