package io.github.braintumor.metrics;

import java.util.Objects;

/**
 * The confusion of one slice, labelled (e.g. {@code "TCGA_CS_4941_19960909_12"}), with its scores by the
 * empty rule of {@link Confusion}.
 *
 * <pre>{@code
 * SliceScore s = SliceScore.of("TCGA_CS_4941_19960909_12", predictedMask, truthMask);
 * double d = s.dice();
 * }</pre>
 *
 * @param id slice label, used in reports
 * @param confusion pixel counts of the slice
 */
public record SliceScore(String id, Confusion confusion) {

    public SliceScore {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(confusion, "confusion");
    }

    /** Scores a predicted mask against a truth mask (non-zero = foreground). */
    public static SliceScore of(String id, byte[] prediction, byte[] truth) {
        try {
            return new SliceScore(id, Confusion.of(prediction, truth));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Slice " + id + ": " + e.getMessage(), e);
        }
    }

    public double iou() {
        return confusion.iou();
    }

    public double dice() {
        return confusion.dice();
    }

    public double pixelAccuracy() {
        return confusion.pixelAccuracy();
    }

    public double precision() {
        return confusion.precision();
    }

    public double recall() {
        return confusion.recall();
    }

    public boolean bothEmpty() {
        return confusion.bothEmpty();
    }

    /** Truth has foreground: a "tumour slice". */
    public boolean tumour() {
        return !confusion.truthEmpty();
    }

    /** Truth empty but something predicted. */
    public boolean falsePositive() {
        return confusion.truthEmpty() && !confusion.predictionEmpty();
    }
}
