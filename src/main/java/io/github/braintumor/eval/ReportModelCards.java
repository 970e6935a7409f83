package io.github.braintumor.eval;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.PostProcessingSettings;
import io.github.braintumor.report.CellFormat;
import io.github.braintumor.report.HtmlReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The Models section of {@code report.html} as readable cards: one per evaluated model (from its bundle's
 * {@code model.json} where it has one) and one for the options of this evaluation, in words rather than JSON.
 *
 * <pre>{@code
 * HtmlReport.builder().setTitle("Evaluation").addCards(ReportModelCards.of(result));
 * }</pre>
 */
final class ReportModelCards {

    /** What is shown where {@code model.json} has no entry (bundles written before it was recorded). */
    static final String NOT_RECORDED = "not recorded";

    private ReportModelCards() {}

    /** The cards of the result's models and options, models first. */
    static List<HtmlReport.Card> of(EvaluationResult r) {
        return of(r.settings(), r.hasSegmentation(), r.summary().options().condition());
    }

    /**
     * @param segmentation whether masks were evaluated (then the options card names the post-processing)
     * @param condition    the evaluated input condition's name, or null
     */
    static List<HtmlReport.Card> of(EvaluationResult.Settings settings, boolean segmentation, String condition) {
        Map<String, Object> models = settings.models() == null ? Map.of() : settings.models();
        Map<String, ModelInfo> infos = settings.modelInfos() == null ? Map.of() : settings.modelInfos();
        List<HtmlReport.Card> cards = new ArrayList<>();
        for (String role : List.of("unet", "classifier")) {
            if (!(models.get(role) instanceof Map<?, ?> described)) continue;
            Double used = role.equals("unet") ? settings.threshold() : settings.classifierThreshold();
            cards.add(card(role, described, infos.get(role), used));
        }
        if (models.get("predictions") != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("folder", models.get("predictions"));
            f.put("what", "masks written earlier (e.g. by 'brain-tumor segment'); no model was run");
            cards.add(new HtmlReport.Card("Predicted masks", f));
        }
        cards.add(options(settings, segmentation, condition));
        return cards;
    }

    private static HtmlReport.Card card(String role, Map<?, ?> described, ModelInfo info, Double thresholdUsed) {
        String name = String.valueOf(described.get("name"));
        String title = (role.equals("unet") ? "Segmentation: " : "Slice classifier: ") + name;
        Map<String, Object> f = new LinkedHashMap<>();
        if (info == null) { // a model given in memory (e.g. from Fiji): only its name is known
            f.put("kind", role);
            f.put("description", "a model given in memory; no model.json to describe it");
            return new HtmlReport.Card(title, f);
        }
        f.put("kind", info.kind());
        f.put("architecture", architecture(info));
        f.put("input", input(info));
        ModelInfo.TrainingData t = info.training();
        f.put("training patients", t == null ? NOT_RECORDED : t.patients().size());
        f.put(
                "validation patients",
                t == null ? NOT_RECORDED : t.validationPatients().size());
        if (t != null && t.dataFolder() != null) f.put("training data folder", t.dataFolder());
        f.put("precision", t == null || t.precision() == null ? "float32 (" + NOT_RECORDED + ")" : t.precision());
        f.put("normalisation", info.normalization());
        String threshold = CellFormat.format(info.threshold());
        if (thresholdUsed != null && Math.abs(thresholdUsed - info.threshold()) > 1e-6) {
            threshold += " (" + CellFormat.format(thresholdUsed) + " used here)";
        }
        f.put("threshold", threshold);
        if (role.equals("unet")) f.put("post-processing (recommended)", postProcessing(info.postProcessing()));
        f.put("licence", licence(info, name));
        f.put("validation metrics", validation(info.validation()));
        f.put("weights", info.weightsFormat() + ", SHA-256 " + described.get("weights_sha256"));
        f.put("created", info.created());
        f.put("software version", info.softwareVersion());
        f.put("folder", described.get("path"));
        return new HtmlReport.Card(title, f);
    }

    /** The network in a line: e.g. "UNet, depth 4, 32 features in the first level, 3 input channels". */
    static String architecture(ModelInfo info) {
        String name = info.architectureString("name", null);
        if ("unet".equals(name)) {
            return String.format(
                    Locale.ROOT,
                    "UNet, depth %d, %d features in the first level, %d input channels",
                    info.architectureInt("depth", 0),
                    info.architectureInt("features", 0),
                    info.architectureInt("inChannels", info.inputChannels()));
        }
        if ("slice_classifier".equals(name)) {
            return String.format(
                    Locale.ROOT,
                    "convolutional slice classifier, 5 blocks from %d filters, dense layer of %d units (%s)",
                    info.architectureInt("base_filters", 0),
                    info.architectureInt("units_1", 0),
                    info.architectureString("dense_activation", "?"));
        }
        String source = info.architectureString("source", null);
        return (name == null ? "network" : name) + (source == null ? "" : " from " + source) + " ("
                + info.weightsFormat() + " weights)";
    }

    private static String input(ModelInfo info) {
        String s = String.format(
                Locale.ROOT, "%d\u00d7%d, %d channels", info.inputSize(), info.inputSize(), info.inputChannels());
        if (info.modelInputSize() != info.inputSize()) {
            s += String.format(
                    Locale.ROOT, "; the network sees them at %d\u00d7%d", info.modelInputSize(), info.modelInputSize());
        }
        return s;
    }

    /** The post-processing in words, "none" when off. */
    static String postProcessing(PostProcessingSettings p) {
        StringJoiner j = new StringJoiner(", ");
        if (p.tta()) j.add("mirror averaging (TTA)");
        if (p.lcc()) {
            j.add("largest 3-D region"
                    + (p.lccRelative()
                            ? " (and regions near it in confidence)"
                            : p.lccByConfidence() ? " (by confidence)" : ""));
        }
        if (p.minArea() > 0) j.add("slices under " + p.minArea() + " px emptied");
        return j.length() == 0 ? "none" : j.toString();
    }

    /** The licence the bioimage.io export would declare (an imported package's, the LGG data's), if any. */
    private static String licence(ModelInfo info, String name) {
        // the bundle's own licence (imported), else its training data's when that is the LGG data set
        String licence = info.architectureString(
                "license",
                info.training() != null
                                && LggDataset.isLggCohort(info.training().patients())
                        ? LggDataset.LICENSE
                        : null);
        return licence == null || licence.isBlank() ? NOT_RECORDED : licence;
    }

    private static String validation(Map<String, Double> metrics) {
        if (metrics == null || metrics.isEmpty()) return NOT_RECORDED;
        StringJoiner j = new StringJoiner(", ");
        metrics.forEach((k, v) -> j.add(k + " " + CellFormat.format(v)));
        return j.toString();
    }

    /** What this evaluation did besides running the models: post-processing, input condition, data. */
    private static HtmlReport.Card options(EvaluationResult.Settings s, boolean segmentation, String condition) {
        Map<String, Object> f = new LinkedHashMap<>();
        if (segmentation) {
            f.put("post-processing applied", postProcessing(new PostProcessingSettings(s.tta(), s.lcc(), s.minArea())));
            f.put("segmentation threshold", s.threshold());
        }
        f.put("classifier threshold", s.classifierThreshold());
        f.put("input condition", condition);
        f.put("data", s.data() == null ? null : s.data().toAbsolutePath().toString());
        return new HtmlReport.Card("This evaluation", f);
    }
}
