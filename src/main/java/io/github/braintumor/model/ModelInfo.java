package io.github.braintumor.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.github.braintumor.Version;
import io.github.braintumor.conversion.Normalization;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed content of a bundle's {@code model.json}: what the network is, how to feed it and where it came from.
 *
 * <pre>{@code
 * ModelInfo info = ModelInfo.builder(ModelKind.UNET)
 *         .setArchitecture(ModelInfo.unetArchitecture(3, 16, 4))
 *         .optNormalization("divide255").build();
 * int features = info.architectureInt("features", 32);
 * }</pre>
 *
 * @param formatVersion  version of this file's layout (currently 1)
 * @param kind           "unet" or "classifier"
 * @param architecture   how to rebuild the block: UNet {@code features, depth, inChannels}; classifier: its
 *                       hyperparameters
 * @param inputSize      side of the slices the model is applied to (256)
 * @param inputChannels  channels of those slices (3)
 * @param modelInputSize side the network itself sees (the classifier may downscale 256 to 128 or 64 by averaging)
 * @param normalization  id of the intensity normalization (see {@code tensor.Normalization.fromId})
 * @param threshold      default probability threshold
 * @param training       data the model was trained on, or null
 * @param validation     validation metrics by name (e.g. "dice_3d_mean", "accuracy"), may be empty
 * @param learningCurve  file name of the learning curve CSV inside the bundle, or null
 * @param softwareVersion plugin version that wrote the bundle
 * @param created        ISO-8601 instant
 * @param weightsFile    file name of the weights inside the bundle
 * @param weightsFormat  "djl" (DJL .params for a block rebuilt from {@code architecture}) or "torchscript"
 * @param weightsSha256  lower-case hex SHA-256 of the weights file
 * @param postprocessing recommended post-processing of a UNet's output, or null (= none; bundles written before
 *                       this entry existed); see {@link #postProcessing()}
 */
public record ModelInfo(
        int formatVersion,
        String kind,
        JsonObject architecture,
        int inputSize,
        int inputChannels,
        int modelInputSize,
        String normalization,
        float threshold,
        TrainingData training,
        Map<String, Double> validation,
        String learningCurve,
        String softwareVersion,
        String created,
        String weightsFile,
        String weightsFormat,
        String weightsSha256,
        PostProcessingSettings postprocessing) {

    /** Layout version written by this code. */
    public static final int FORMAT_VERSION = 1;
    /** Bounds of an image side (pixels) and of the channel count a model.json may declare. */
    private static final int MIN_SIDE = 16, MAX_SIDE = 4096, MAX_CHANNELS = 16;
    /** Weights are DJL parameters of a block rebuilt from the architecture. */
    public static final String FORMAT_DJL = "djl";
    /** Weights are a TorchScript module, loaded as a {@code PtSymbolBlock}. */
    public static final String FORMAT_TORCHSCRIPT = "torchscript";

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .create();

    /**
     * Where the training data came from.
     *
     * @param patients   training patient ids
     * @param validationPatients validation patient ids
     * @param splitSeed  seed of the patient split
     * @param dataFolder name (not full path) of the data folder
     * @param augmentation how the training slices were augmented, or null when not recorded
     * @param precision  number format of the training steps ({@code float32}, or {@code bfloat16} for mixed
     *     precision: bfloat16 activations and convolutions, float32 weights, optimizer state and loss); null when
     *     not recorded (bundles written before it was: float32)
     */
    public record TrainingData(
            List<String> patients,
            List<String> validationPatients,
            long splitSeed,
            String dataFolder,
            AugmentationSettings augmentation,
            String precision) {
        /** Training data without a recorded precision. */
        public TrainingData(
                List<String> patients,
                List<String> validationPatients,
                long splitSeed,
                String dataFolder,
                AugmentationSettings augmentation) {
            this(patients, validationPatients, splitSeed, dataFolder, augmentation, null);
        }

        /** @return this record with {@code precision} recorded */
        public TrainingData withPrecision(String precision) {
            return new TrainingData(patients, validationPatients, splitSeed, dataFolder, augmentation, precision);
        }

        /** Training data without a recorded augmentation (bundles written before it was recorded). */
        public TrainingData(List<String> patients, List<String> validationPatients, long splitSeed, String dataFolder) {
            this(patients, validationPatients, splitSeed, dataFolder, null, null);
        }

        /** @return the recorded augmentation; {@link AugmentationSettings#GEOMETRIC_ONLY} when none is recorded */
        public AugmentationSettings augmentationOrDefault() {
            return augmentation == null ? AugmentationSettings.GEOMETRIC_ONLY : augmentation;
        }
    }

    /** @return the recommended post-processing; {@link PostProcessingSettings#OFF} when model.json has none */
    public PostProcessingSettings postProcessing() {
        return PostProcessingSettings.orOff(postprocessing);
    }

    /** @return the kind as an enum; IllegalArgumentException for an unknown kind */
    public ModelKind modelKind() {
        return ModelKind.fromId(kind);
    }

    /** @return an integer architecture entry, or {@code fallback} when absent */
    public int architectureInt(String key, int fallback) {
        JsonElement e = architecture == null ? null : architecture.get(key);
        return e == null || e.isJsonNull() ? fallback : e.getAsInt();
    }

    /** @return a number architecture entry, or {@code fallback} when absent */
    public double architectureDouble(String key, double fallback) {
        JsonElement e = architecture == null ? null : architecture.get(key);
        return e == null || e.isJsonNull() ? fallback : e.getAsDouble();
    }

    /** @return a string architecture entry, or {@code fallback} when absent */
    public String architectureString(String key, String fallback) {
        JsonElement e = architecture == null ? null : architecture.get(key);
        return e == null || e.isJsonNull() ? fallback : e.getAsString();
    }

    /** @return the UNet architecture object for {@code model.json} */
    public static JsonObject unetArchitecture(int inChannels, int features, int depth) {
        JsonObject o = new JsonObject();
        o.addProperty("name", "unet");
        o.addProperty("inChannels", inChannels);
        o.addProperty("features", features);
        o.addProperty("depth", depth);
        return o;
    }

    /** @return any object (e.g. a hyperparameter record) as a JSON object */
    public static JsonObject toJsonObject(Object value) {
        return GSON.toJsonTree(value).getAsJsonObject();
    }

    /** @return this info as pretty-printed JSON */
    public String toJson() {
        return GSON.toJson(this);
    }

    /**
     * @param json the text of a {@code model.json}
     * @param source the file name, for messages
     * @throws BundleException naming {@code source} if the text is not a valid model description
     */
    public static ModelInfo fromJson(String json, String source) throws BundleException {
        ModelInfo info;
        try {
            info = GSON.fromJson(json, ModelInfo.class);
        } catch (JsonParseException | IllegalStateException e) {
            throw new BundleException(source + " is not valid model JSON: " + e.getMessage(), e);
        } catch (RuntimeException e) { // a nested record's constructor refused a value (Gson wraps it)
            Throwable why = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new BundleException(source + " has an invalid value: " + why.getMessage(), e);
        }
        if (info == null) {
            throw new BundleException(source + " is empty: expected a model description (model.json)");
        }
        try {
            info.modelKind();
        } catch (IllegalArgumentException e) {
            throw new BundleException(source + ": " + e.getMessage());
        }
        if (!(info.threshold() >= 0 && info.threshold() <= 1)) { // NaN too
            // a threshold above 1 silently gives empty masks, below 0 all-tumour ones
            throw new BundleException(source + ": threshold must be a probability between 0 and 1, got "
                    + info.threshold() + "; correct it in the file or retrain");
        }
        checkBounds(info, source);
        if (info.modelInputSize() == 0) info = info.toBuilder().build(); // fills in the absent model input size
        if (info.weightsFile() == null || info.weightsFile().isBlank()) {
            throw new BundleException(source + " names no weights file (field 'weightsFile')");
        }
        if (info.weightsFile().contains("/") || info.weightsFile().contains("\\")) {
            throw new BundleException(
                    source + ": weightsFile must be a plain file name, got '" + info.weightsFile() + "'");
        }
        return info;
    }

    /**
     * Numbers a model.json may hold, checked before anything is allocated from them: a typo such as
     * {@code "features": 4096} would otherwise ask for tens of gigabytes, and a size of 0 divides by zero.
     */
    private static void checkBounds(ModelInfo info, String source) throws BundleException {
        if (info.formatVersion() < 0 || info.formatVersion() > FORMAT_VERSION) {
            throw new BundleException(source + ": formatVersion " + info.formatVersion() + " is not one this version"
                    + " reads (1.." + FORMAT_VERSION + "); a newer plugin wrote it: update the plugin");
        }
        within(source, "inputSize", info.inputSize(), MIN_SIDE, MAX_SIDE);
        if (info.modelInputSize() != 0) { // absent (a sidecar): the input size, as the builder fills it in
            within(source, "modelInputSize", info.modelInputSize(), MIN_SIDE, MAX_SIDE);
        }
        within(source, "inputChannels", info.inputChannels(), 1, MAX_CHANNELS);
        JsonObject a = info.architecture();
        if (a == null) return;
        for (String[] bound : new String[][] {
            {"features", "1", "256"},
            {"depth", "1", "8"},
            {"inChannels", "1", "" + MAX_CHANNELS},
            {"base_filters", "1", "256"},
            {"input_size", "" + MIN_SIDE, "1024"}
        }) {
            if (!a.has(bound[0])) continue;
            double v;
            try {
                v = a.get(bound[0]).getAsDouble();
            } catch (RuntimeException e) {
                throw new BundleException(source + ": architecture." + bound[0] + " must be a number");
            }
            if (v != Math.rint(v)) throw new BundleException(source + ": architecture." + bound[0] + " must be whole");
            within(
                    source,
                    "architecture." + bound[0],
                    (long) v,
                    Integer.parseInt(bound[1]),
                    Integer.parseInt(bound[2]));
        }
    }

    private static void within(String source, String field, long v, int min, int max) throws BundleException {
        if (v < min || v > max) {
            throw new BundleException(source + ": " + field + " must be " + min + ".." + max + ", got " + v
                    + "; correct the file or retrain");
        }
    }

    /** @return a builder initialised with this info's values */
    public Builder toBuilder() {
        Builder b = new Builder(modelKind());
        b.architecture = architecture;
        b.inputSize = inputSize;
        b.inputChannels = inputChannels;
        b.modelInputSize = modelInputSize;
        b.normalization = normalization;
        b.threshold = threshold;
        b.training = training;
        b.validation = validation == null ? new LinkedHashMap<>() : new LinkedHashMap<>(validation);
        b.learningCurve = learningCurve;
        b.softwareVersion = softwareVersion;
        b.created = created;
        b.weightsFile = weightsFile;
        b.weightsFormat = weightsFormat;
        b.weightsSha256 = weightsSha256;
        b.postprocessing = postprocessing;
        return b;
    }

    /** @return a builder for a model of the given kind */
    public static Builder builder(ModelKind kind) {
        return new Builder(kind);
    }

    /** Builder: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private final ModelKind kind;
        private JsonObject architecture;
        private int inputSize = 256;
        private int inputChannels = 3;
        private int modelInputSize = -1;
        private String normalization = Normalization.DIVIDE_BY_255.id();
        private float threshold = 0.5f;
        private TrainingData training;
        private Map<String, Double> validation = new LinkedHashMap<>();
        private String learningCurve;
        private String softwareVersion = Version.get();
        private String created;
        private String weightsFile;
        private String weightsFormat = FORMAT_DJL;
        private String weightsSha256;
        private PostProcessingSettings postprocessing;

        private Builder(ModelKind kind) {
            this.kind = kind;
        }

        public Builder setArchitecture(JsonObject architecture) {
            this.architecture = architecture;
            return this;
        }

        public Builder optInputSize(int size) {
            this.inputSize = size;
            return this;
        }

        public Builder optInputChannels(int channels) {
            this.inputChannels = channels;
            return this;
        }

        public Builder optModelInputSize(int size) {
            this.modelInputSize = size;
            return this;
        }

        public Builder optNormalization(String id) {
            this.normalization = id;
            return this;
        }

        public Builder optThreshold(float t) {
            this.threshold = t;
            return this;
        }

        public Builder optTraining(TrainingData t) {
            this.training = t;
            return this;
        }

        public Builder optValidation(Map<String, Double> metrics) {
            this.validation = new LinkedHashMap<>(metrics);
            return this;
        }

        public Builder optValidationMetric(String name, double value) {
            validation.put(name, value);
            return this;
        }

        public Builder optLearningCurve(String fileName) {
            this.learningCurve = fileName;
            return this;
        }

        public Builder optSoftwareVersion(String v) {
            this.softwareVersion = v;
            return this;
        }

        public Builder optCreated(String isoInstant) {
            this.created = isoInstant;
            return this;
        }

        public Builder optWeights(String fileName, String format, String sha256) {
            this.weightsFile = fileName;
            this.weightsFormat = format;
            this.weightsSha256 = sha256;
            return this;
        }

        /** Recommended post-processing; null or {@link PostProcessingSettings#OFF} leave the entry out. */
        public Builder optPostProcessing(PostProcessingSettings settings) {
            this.postprocessing = settings == null || settings.isOff() ? null : settings;
            return this;
        }

        public ModelInfo build() {
            if (architecture == null) {
                throw new IllegalStateException("ModelInfo: setArchitecture is required");
            }
            return new ModelInfo(
                    FORMAT_VERSION,
                    kind.id(),
                    architecture,
                    inputSize,
                    inputChannels,
                    modelInputSize > 0 ? modelInputSize : inputSize,
                    normalization,
                    threshold,
                    training,
                    validation,
                    learningCurve,
                    softwareVersion,
                    created != null ? created : Instant.now().toString(),
                    weightsFile,
                    weightsFormat,
                    weightsSha256,
                    postprocessing);
        }
    }
}
