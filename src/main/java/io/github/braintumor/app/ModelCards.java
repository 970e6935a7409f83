package io.github.braintumor.app;

import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.model.EmbeddedModels;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded default models of this build and their model cards ({@code MODEL.md} next to {@code model.json}).
 *
 * <pre>{@code
 * if (!ModelCards.hasEmbedded(ModelKind.UNET)) System.err.println("no embedded UNet in this build");
 * ModelCards.all().forEach((kind, card) -> System.out.println(card));
 * }</pre>
 */
public final class ModelCards {
    public static final String CARD = "MODEL.md";

    private ModelCards() {}

    /** True when the jar carries a default model of this kind. */
    public static boolean hasEmbedded(ModelKind kind) {
        return ModelBundle.class.getResource(EmbeddedModels.EMBEDDED_ROOT + kind.id() + "/" + ModelBundle.MODEL_JSON)
                != null;
    }

    /** The model card of the embedded model of this kind, if the build has one. */
    public static Optional<String> card(ModelKind kind) {
        try (InputStream in =
                ModelBundle.class.getResourceAsStream(EmbeddedModels.EMBEDDED_ROOT + kind.id() + "/" + CARD)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One text per model kind: its card, or a line saying what is missing. */
    public static Map<ModelKind, String> all() {
        Map<ModelKind, String> cards = new LinkedHashMap<>();
        for (ModelKind kind : ModelKind.values()) {
            String text = card(kind)
                    .orElseGet(() -> hasEmbedded(kind)
                            ? "The embedded " + kind.id() + " model has no " + CARD + " model card."
                            : "This build has no embedded " + kind.id() + " model; train one with the Train commands"
                                    + " and give its folder as the model parameter.");
            cards.put(kind, text);
        }
        return cards;
    }

    /** All cards as one text, each under a heading. */
    public static String text() {
        StringBuilder s = new StringBuilder();
        all().forEach((kind, card) -> s.append("# ")
                .append(kind.id())
                .append(" model\n\n")
                .append(card.strip())
                .append("\n\n"));
        s.append("# Engine\n\n").append(DjlEngine.describe()).append("\n");
        return s.toString();
    }
}
