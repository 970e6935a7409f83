package io.github.braintumor.eval;

import io.github.braintumor.data.ModalityPattern;
import io.github.braintumor.data.SliceImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How evaluation alters the input before the models see it, to measure robustness on the same patients: a
 * simulated missing modality (stored as the data set stores it: the missing channel holds FLAIR) and/or a global
 * brightness factor (a darker or brighter scanner; 8-bit values scaled, rounded and clipped at 255).
 *
 * <pre>{@code
 * List<InputCondition> c = InputCondition.parse("as-is,flair-only,no-post,no-pre", "0.4,1.6");
 * SliceImage dark = InputCondition.brightness(0.4).apply(image);
 * }</pre>
 *
 * @param name       {@code as-is}, a pattern id ({@code flair-only}...) or {@code brightness-0.4}
 * @param pattern    the simulated pattern ({@link ModalityPattern#COMPLETE} = channels as given)
 * @param brightness factor on every 8-bit value (1 = unchanged)
 */
public record InputCondition(String name, ModalityPattern pattern, double brightness) {
    /** The input as given. */
    public static final InputCondition AS_IS = new InputCondition("as-is", ModalityPattern.COMPLETE, 1);

    public InputCondition {
        if (!(brightness > 0) || Double.isInfinite(brightness)) {
            throw new IllegalArgumentException("brightness factor must be > 0, got " + brightness);
        }
    }

    /** @return a missing-modality condition ({@code as-is} for COMPLETE) */
    public static InputCondition of(ModalityPattern pattern) {
        return pattern == ModalityPattern.COMPLETE ? AS_IS : new InputCondition(pattern.id(), pattern, 1);
    }

    /** @return the input with every value multiplied by {@code factor} */
    public static InputCondition brightness(double factor) {
        return new InputCondition(
                String.format(Locale.ROOT, "brightness-%s", trim(factor)), ModalityPattern.COMPLETE, factor);
    }

    /** @return true for the input as given */
    public boolean asIs() {
        return pattern == ModalityPattern.COMPLETE && brightness == 1;
    }

    public SliceImage apply(SliceImage image) {
        if (asIs()) {
            return image;
        }
        SliceImage s = image.channels() == 3 ? pattern.simulate(image) : image;
        if (brightness == 1) {
            return s;
        }
        byte[] px = s.pixels().clone();
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) Math.min(255, Math.round((px[i] & 0xFF) * brightness));
        }
        return new SliceImage(s.width(), s.height(), s.channels(), px, s.replicated());
    }

    /**
     * @param modalities comma-separated: {@code as-is}, {@code flair-only}, {@code no-post}, {@code no-pre}; blank =
     *                   none
     * @param brightness comma-separated factors, e.g. {@code 0.4,1.6}; blank = none
     * @throws IllegalArgumentException naming an unknown value and the known ones
     */
    public static List<InputCondition> parse(String modalities, String brightness) {
        List<InputCondition> out = new ArrayList<>();
        for (String m : split(modalities)) {
            InputCondition c;
            if (m.equals("as-is") || m.equals("complete")) {
                c = AS_IS;
            } else {
                ModalityPattern p;
                try {
                    p = ModalityPattern.fromId(m);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "modalities: unknown condition '" + m + "'; use as-is," + " flair-only, no-post, no-pre");
                }
                if (p == ModalityPattern.SINGLE_CHANNEL) {
                    p = ModalityPattern.FLAIR_ONLY; // the same bytes once stored
                }
                c = of(p);
            }
            if (!out.contains(c)) out.add(c);
        }
        for (String b : split(brightness)) {
            double f;
            try {
                f = Double.parseDouble(b);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "brightness: '" + b + "' is not a number; give factors like 0.4,1.6");
            }
            if (!(f > 0 && f <= 10)) {
                throw new IllegalArgumentException("brightness: factor " + b + " must be in (0, 10]");
            }
            InputCondition c = f == 1 ? AS_IS : brightness(f);
            if (!out.contains(c)) out.add(c);
        }
        return out;
    }

    private static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        if (list == null) return out;
        for (String s : list.split("[,\\s]+")) {
            if (!s.isBlank()) out.add(s.trim().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
