package io.github.braintumor.app;

import com.google.gson.JsonObject;
import io.github.braintumor.app.options.InterchangeOptions;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.conversion.Normalization;
import io.github.braintumor.io.OutputPaths;
import io.github.braintumor.io.OutputRefusedException;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.model.TorchScriptBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A TorchScript module (traced or scripted in PyTorch) made into a normal model bundle, for the CLI's
 * {@code import-torchscript} and Fiji's Import TorchScript Model: what the module needs (normalisation, input
 * size, whether it ends in a sigmoid) and the threshold are asked for and recorded in {@code model.json}.
 *
 * <pre>{@code
 * ModelInfo info = TorchScriptImport.run(new TorchScriptImport.Request(Path.of("unet.pt"), Path.of("unet-bundle"),
 *         ModelKind.UNET, "logits", 256, "divide255", 0.5f));
 * // then: bin/brain-tumor segment DATA --model unet-bundle --out masks
 * }</pre>
 */
public final class TorchScriptImport {
    /** What the module's last layer gives (macro key and CLI option {@code scores}). */
    public static final String[] OUTPUTS = {"logits", "probabilities"};

    private TorchScriptImport() {}

    /**
     * @param torchScript the {@code .pt} file
     * @param bundle      the bundle folder to write (absent, empty or a bundle of ours)
     * @param kind        unet (a tumour probability per pixel) or classifier (one per slice)
     * @param output      {@code logits} (the plugin applies a sigmoid) or {@code probabilities}
     * @param inputSize   side of the square input the module was made for (slices are resampled to it)
     * @param normalization id of the intensity normalisation the module expects (e.g. {@code divide255})
     * @param threshold   probability threshold, 0..1
     */
    public record Request(
            Path torchScript,
            Path bundle,
            ModelKind kind,
            String output,
            int inputSize,
            String normalization,
            float threshold) {
        /** The request of one run of {@link InterchangeOptions#IMPORT_TORCHSCRIPT}'s values, either front end. */
        public static Request of(OptionValues v) {
            return new Request(
                    path(v.get(InterchangeOptions.TORCHSCRIPT), "no TorchScript file given"),
                    path(v.get(InterchangeOptions.BUNDLE_TO_WRITE), "no bundle folder given: the folder to write"),
                    ModelKind.fromId(v.get(InterchangeOptions.KIND)),
                    v.get(InterchangeOptions.SCORES),
                    v.get(InterchangeOptions.INPUT_SIZE),
                    v.get(InterchangeOptions.NORMALIZATION),
                    v.get(InterchangeOptions.THRESHOLD).floatValue());
        }

        private static Path path(String text, String missing) {
            if (text == null || text.isBlank()) throw new IllegalArgumentException(missing);
            return Path.of(text.trim());
        }
    }

    /** @return one line for the log, e.g. "unet bundle /m/b: input 64x64, divide255, threshold 0.4, logits" */
    public static String summary(ModelInfo info, Path bundle) {
        return info.kind() + " bundle " + bundle + ": input " + info.modelInputSize() + "x" + info.modelInputSize()
                + ", " + info.normalization() + ", threshold " + info.threshold() + ", "
                + info.architectureString("output", OUTPUTS[0]);
    }

    /**
     * Checks the request and the output folder before anything is written, then imports (the module is run once on
     * a zero slice before the bundle is published).
     *
     * @return the description written to the bundle's model.json
     * @throws IllegalArgumentException for a bad value, naming it and what is allowed
     */
    public static ModelInfo run(Request r) throws BundleException, OutputRefusedException {
        if (r.torchScript() == null || !Files.isRegularFile(r.torchScript())) {
            throw new IllegalArgumentException("TorchScript file " + r.torchScript() + " does not exist: give the .pt"
                    + " file saved by torch.jit.trace(...).save() or torch.jit.script(...).save()");
        }
        if (r.bundle() == null) throw new IllegalArgumentException("no output bundle folder given");
        String output = r.output().toLowerCase(Locale.ROOT);
        if (!List.of(OUTPUTS).contains(output)) {
            throw new IllegalArgumentException("scores must be logits or probabilities, got '" + r.output() + "'");
        }
        if (r.inputSize() < 16 || r.inputSize() > 4096) {
            throw new IllegalArgumentException("input size must be 16..4096 pixels, got " + r.inputSize());
        }
        if (!(r.threshold() >= 0 && r.threshold() <= 1)) {
            throw new IllegalArgumentException("threshold must be between 0 and 1, got " + r.threshold());
        }
        Normalization.fromId(r.normalization()); // names the known ids when unknown
        OutputPaths.checkBundle(r.bundle(), r.torchScript());
        JsonObject architecture = new JsonObject();
        architecture.addProperty("name", "torchscript");
        architecture.addProperty("output", output);
        architecture.addProperty("source", r.torchScript().getFileName().toString());
        ModelInfo description = ModelInfo.builder(r.kind())
                .setArchitecture(architecture)
                .optModelInputSize(r.inputSize())
                .optNormalization(r.normalization())
                .optThreshold(r.threshold())
                .build();
        try (ModelBundle bundle = TorchScriptBundles.importModule(r.torchScript(), description, r.bundle())) {
            return bundle.info();
        }
    }
}
