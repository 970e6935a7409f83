package io.github.braintumor.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How report values become text, the same in CSV, HTML and captions: locale-independent
 * ({@code Locale.ROOT}-style, '.' decimal point), floating point to 6 significant digits without trailing
 * zeros, integers exact, {@code null} and empty optionals as an empty string.
 *
 * <pre>{@code
 * CellFormat.format(0.99780273); // "0.997803"
 * CellFormat.format(2.0);        // "2"
 * CellFormat.format(1.5e-7);     // "1.5E-7"
 * }</pre>
 */
public final class CellFormat {

    public static final int SIGNIFICANT_DIGITS = 6;
    private static final MathContext CONTEXT = new MathContext(SIGNIFICANT_DIGITS);

    private CellFormat() {}

    public static String format(Object value) {
        if (value == null) return "";
        if (value instanceof Double d) return format(d.doubleValue());
        if (value instanceof Float f) return format(f.doubleValue());
        if (value instanceof BigDecimal b)
            return b.round(CONTEXT).stripTrailingZeros().toPlainString();
        if (value instanceof OptionalDouble o) return o.isPresent() ? format(o.getAsDouble()) : "";
        if (value instanceof OptionalInt o) return o.isPresent() ? Integer.toString(o.getAsInt()) : "";
        if (value instanceof OptionalLong o) return o.isPresent() ? Long.toString(o.getAsLong()) : "";
        if (value instanceof Optional<?> o) return o.map(CellFormat::format).orElse("");
        return value.toString();
    }

    /** Integers exactly (this overload keeps primitive ints and longs from widening to double). */
    public static String format(long value) {
        return Long.toString(value);
    }

    /** NaN and infinities as Java writes them ("NaN", "Infinity"), so they read back with parseDouble. */
    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return Double.toString(value);
        if (value == 0) return "0";
        BigDecimal rounded = new BigDecimal(value).round(CONTEXT).stripTrailingZeros();
        double magnitude = Math.abs(rounded.doubleValue());
        return magnitude >= 1e-4 && magnitude < 1e12 ? rounded.toPlainString() : rounded.toString();
    }
}
