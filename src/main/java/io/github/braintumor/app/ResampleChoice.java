package io.github.braintumor.app;

import io.github.braintumor.data.SliceImage;
import io.github.braintumor.infer.InferenceOptions;
import io.github.braintumor.infer.SliceFit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether slices that do not match the model's square input are resampled to it and back (on by default: the
 * Fiji {@code resample} check box, the CLI's {@code --no-resample}), and the pixel aspect of the image's
 * calibration, which resampling honours ({@link SliceFit}). The one place for the refusal when it is off, the log
 * note and the table's "resampled" value, shared by segmentation and classification.
 *
 * <pre>{@code
 * ResampleChoice r = ResampleChoice.of(true, cal.pixelWidth, cal.pixelHeight);
 * r.check(slices, 256);                       // IllegalArgumentException when off and a slice is not 256x256
 * r.describe(slices.get(0), 256);             // "512x512 -> 256x256", or ""
 * }</pre>
 *
 * @param enabled     resample slices of another size (and pixels that are not square)
 * @param pixelAspect pixel width / pixel height (1 = square or uncalibrated)
 */
public record ResampleChoice(boolean enabled, double pixelAspect) {
    /** Resampling on, square pixels: what every command did before the switch existed. */
    public static final ResampleChoice DEFAULT = new ResampleChoice(true, 1.0);

    /** Not-square aspects only; anything else is square. */
    public ResampleChoice {
        if (!SliceFit.anisotropic(pixelAspect)) pixelAspect = 1.0;
    }

    /** @param pixelWidth calibrated pixel width; with {@code pixelHeight} gives the aspect (non-positive: square) */
    public static ResampleChoice of(boolean enabled, double pixelWidth, double pixelHeight) {
        return new ResampleChoice(enabled, pixelWidth > 0 && pixelHeight > 0 ? pixelWidth / pixelHeight : 1.0);
    }

    /** Applies the choice to inference options. */
    public InferenceOptions.Builder apply(InferenceOptions.Builder options) {
        return options.optResize(enabled).optPixelAspect(pixelAspect);
    }

    private SliceFit fit(SliceImage s, int inputSize) {
        return SliceFit.of(s.width(), s.height(), inputSize, enabled ? pixelAspect : 1.0);
    }

    /**
     * Refuses, before any work, slices of another size than the model's input when resampling is off.
     *
     * @throws IllegalArgumentException one line naming the size, the model's size and what to do
     */
    public void check(List<SliceImage> slices, int inputSize) {
        for (SliceImage s : slices) checkShape(s);
        if (enabled) return;
        int other = 0;
        SliceImage first = null;
        for (SliceImage s : slices) {
            if (s.width() != inputSize || s.height() != inputSize) {
                if (first == null) first = s;
                other++;
            }
        }
        if (first == null) return;
        throw new IllegalArgumentException(String.format(
                Locale.ROOT,
                "%d slice(s) are %dx%d but the model's input is %dx%d and resampling is off: switch resampling"
                        + " on (Fiji: the resample check box; CLI: leave out --no-resample) or scale the images to"
                        + " %dx%d first",
                other,
                first.width(),
                first.height(),
                inputSize,
                inputSize,
                inputSize,
                inputSize));
    }

    /** Smallest side of a slice worth resampling to the model's input (a 1x1 image is no MRI slice). */
    public static final int MIN_SIDE = 16;
    /** Most elongated slice accepted (width:height or height:width); 800:1 is a line, not a slice. */
    public static final int MAX_ASPECT = 8;

    /**
     * Refuses a slice no scanner makes: a side below {@value #MIN_SIDE} pixels or sides more than
     * {@value #MAX_ASPECT}:1 apart (it would be stretched into a meaningless picture and segmented without a word).
     */
    static void checkShape(SliceImage s) {
        int w = s.width(), h = s.height();
        if (w < MIN_SIDE || h < MIN_SIDE || Math.max(w, h) > (long) MAX_ASPECT * Math.min(w, h)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "slice of %dx%d pixels: an MRI slice has sides of at least %d pixels and at most %d:1 apart;"
                            + " check that the right image (and its orientation) was given",
                    w,
                    h,
                    MIN_SIDE,
                    MAX_ASPECT));
        }
    }

    /** @return the table's "resampled" value of one slice, e.g. "512x512 -&gt; 256x256"; "" when not resampled */
    public String describe(SliceImage slice, int inputSize) {
        return fit(slice, inputSize).describe();
    }

    /**
     * @return the log line, e.g. "resampled 1 slice(s) of 512x512 to the model's 256x256 input, and the result back
     *     (bilinear)", or empty when every slice goes to the network as it is
     */
    public Optional<String> note(List<SliceImage> slices, int inputSize) {
        Map<String, Integer> sizes = new TreeMap<>();
        for (SliceImage s : slices) {
            if (!fit(s, inputSize).identity()) sizes.merge(s.width() + "x" + s.height(), 1, Integer::sum);
        }
        if (sizes.isEmpty()) return Optional.empty();
        StringBuilder b = new StringBuilder("resampled ");
        sizes.forEach(
                (size, n) -> b.append(n).append(" slice(s) of ").append(size).append(", "));
        b.setLength(b.length() - 2);
        if (pixelAspect != 1.0) {
            b.append(String.format(Locale.ROOT, " with pixels %.4g times as wide as tall", pixelAspect));
        }
        b.append(" to the model's ")
                .append(inputSize)
                .append("x")
                .append(inputSize)
                .append(" input");
        if (pixelAspect != 1.0) b.append(" keeping the field of view's physical proportions (zero padding)");
        return Optional.of(b + ", and the result back (bilinear)");
    }
}
