package io.github.braintumor.args;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One option of a command, said once for every front end: its key (the macro key, the SciJava input's name and the
 * command line's {@code --key}), type, default, range or choices, dialog label and help. An {@link OptionTable}
 * lists a command's options; the command line, the ImageJ 1 dialog and the SciJava command's defaults all come from
 * it, and a test holds the SciJava fields to it.
 *
 * <pre>{@code
 * Option<Integer> epochs = Option.integer("epochs", 10).min(1).label("Epochs").help("passes over the data");
 * epochs.parse("12", "--epochs");   // 12
 * epochs.parse("0", "--epochs");    // IllegalArgumentException: --epochs must be at least 1, got 0
 * Option.flag("resample", true).cliFlag();  // "no-resample": a check box that is on is switched off on the command line
 * }</pre>
 *
 * @param <T> Integer, Long, Double, Boolean or String (text, choices and paths; "" = not given)
 */
public final class Option<T> {
    /** What kind of value an option takes; it decides the dialog field and the parsing. */
    public enum Kind {
        INTEGER,
        LONG,
        NUMBER,
        BOOLEAN,
        TEXT,
        CHOICE,
        /** A folder path; "" = not given. */
        FOLDER,
        /** A file path; "" = not given. */
        FILE
    }

    /** Where an option is offered: on the command line, in Fiji (the SciJava command and its ImageJ 1 twin). */
    public enum Front {
        CLI,
        FIJI
    }

    // not final: each wither changes a copy (with); an Option is never changed once made
    private String key;
    private Kind kind;
    private T defaultValue;
    private String label;
    private String help = "";
    private Double min;
    private Double max;
    private List<String> choices = List.of();
    private Set<Front> fronts = EnumSet.allOf(Front.class);
    private List<String> aliases = List.of();
    private String metavar;
    private boolean positional;
    private boolean required;
    private Predicate<T> rule;
    private String ruleText;

    private Option() {}

    private static <T> Option<T> of(String key, Kind kind, T defaultValue, String metavar, List<String> choices) {
        Option<T> o = new Option<>();
        o.key = Objects.requireNonNull(key, "key");
        o.kind = kind;
        o.defaultValue = Objects.requireNonNull(defaultValue, "default of " + key);
        o.label = key;
        o.metavar = metavar;
        o.choices = List.copyOf(choices);
        return o;
    }

    /** @return a copy of this option with {@code change} applied */
    private Option<T> with(Consumer<Option<T>> change) {
        Option<T> o = new Option<>();
        o.key = key;
        o.kind = kind;
        o.defaultValue = defaultValue;
        o.label = label;
        o.help = help;
        o.min = min;
        o.max = max;
        o.choices = choices;
        o.fronts = fronts;
        o.aliases = aliases;
        o.metavar = metavar;
        o.positional = positional;
        o.required = required;
        o.rule = rule;
        o.ruleText = ruleText;
        change.accept(o);
        return o;
    }

    public static Option<Integer> integer(String key, int defaultValue) {
        return of(key, Kind.INTEGER, defaultValue, "N", List.of());
    }

    public static Option<Long> longInteger(String key, long defaultValue) {
        return of(key, Kind.LONG, defaultValue, "N", List.of());
    }

    public static Option<Double> number(String key, double defaultValue) {
        return of(key, Kind.NUMBER, defaultValue, "X", List.of());
    }

    /** A check box; on the command line {@code --key}, or {@code --no-key} when it is on by default. */
    public static Option<Boolean> flag(String key, boolean defaultValue) {
        return of(key, Kind.BOOLEAN, defaultValue, "", List.of());
    }

    public static Option<String> text(String key, String defaultValue) {
        return of(key, Kind.TEXT, defaultValue, "TEXT", List.of());
    }

    public static Option<String> choice(String key, String defaultValue, String... choices) {
        if (!List.of(choices).contains(defaultValue)) {
            throw new IllegalArgumentException(key + ": default " + defaultValue + " is not one of its choices");
        }
        return of(key, Kind.CHOICE, defaultValue, String.join("|", choices), List.of(choices));
    }

    /** A folder; empty by default (not given). */
    public static Option<String> folder(String key) {
        return of(key, Kind.FOLDER, "", "DIR", List.of());
    }

    /** A file; empty by default (not given). */
    public static Option<String> file(String key) {
        return of(key, Kind.FILE, "", "FILE", List.of());
    }

    /**
     * @param ok what a value must satisfy beyond the range (the threshold: 0..1, or -1 for the model's own)
     * @param must what the refusal says it must be ("between 0 and 1, or -1 (the model's own)")
     * @return this option with the rule
     */
    public Option<T> rule(Predicate<T> ok, String must) {
        return with(o -> {
            o.rule = ok;
            o.ruleText = must;
        });
    }

    /** @return this option with the dialog label of Fiji (and the SciJava command) */
    public Option<T> label(String text) {
        return with(o -> o.label = text);
    }

    /** @return this option with the help of the command line's usage text (several lines allowed) */
    public Option<T> help(String text) {
        return with(o -> o.help = text);
    }

    /** @return this option with another default (the same option in a command that starts elsewhere) */
    public Option<T> withDefault(T value) {
        return with(o -> o.defaultValue = Objects.requireNonNull(value, "default of " + key));
    }

    public Option<T> min(double least) {
        return with(o -> o.min = least);
    }

    public Option<T> range(double least, double most) {
        return with(o -> {
            o.min = least;
            o.max = most;
        });
    }

    /** @return this option offered on the command line only */
    public Option<T> cliOnly() {
        return with(o -> o.fronts = EnumSet.of(Front.CLI));
    }

    /** @return this option offered in Fiji only */
    public Option<T> fijiOnly() {
        return with(o -> o.fronts = EnumSet.of(Front.FIJI));
    }

    /** @return this option with older command-line spellings that are still accepted */
    public Option<T> alias(String... names) {
        List<String> all = new ArrayList<>(aliases);
        all.addAll(List.of(names));
        return with(o -> o.aliases = List.copyOf(all));
    }

    /** @return this option with the placeholder its usage line shows ({@code DIR}, {@code N}) */
    public Option<T> metavar(String name) {
        return with(o -> o.metavar = name);
    }

    /** @return this option given on the command line as the (first) positional argument, named {@code name} */
    public Option<T> positional(String name) {
        return with(o -> {
            o.metavar = name;
            o.positional = true;
        });
    }

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String label() {
        return label;
    }

    public String help() {
        return help;
    }

    /** @return the least value, or null for none */
    public Double minimum() {
        return min;
    }

    /** @return the largest value, or null for none */
    public Double maximum() {
        return max;
    }

    public List<String> choices() {
        return choices;
    }

    public boolean offeredIn(Front front) {
        return fronts.contains(front);
    }

    public List<String> aliases() {
        return aliases;
    }

    public String metavar() {
        return metavar;
    }

    /** @return this option as one the command line cannot do without (its synopsis shows it; Fiji asks anyway) */
    public Option<T> required() {
        return with(o -> o.required = true);
    }

    /** @return whether the command line needs it ({@link #required()}) */
    public boolean isRequired() {
        return required;
    }

    /** @return whether the command line takes it as a positional argument instead of {@code --key} */
    public boolean isPositional() {
        return positional;
    }

    /** @return the command-line name: {@code key}, or {@code no-key} for a check box that is on by default */
    public String cliFlag() {
        return kind == Kind.BOOLEAN && (Boolean) defaultValue ? "no-" + key : key;
    }

    /**
     * @return the label of an ImageJ 1 dialog field: ImageJ takes the first word of a label as the macro key, so it
     *     starts with the key ({@code "threshold (-1 = the model's own)"}, {@code "batchsize: Batch size"})
     */
    public String dialogLabel() {
        String lower = label.isEmpty() ? key : Character.toLowerCase(label.charAt(0)) + label.substring(1);
        String firstWord = lower.split("[\\s:]", 2)[0];
        return firstWord.equals(key) ? lower : key + ": " + label;
    }

    /**
     * @param shownAs how the message names the option ({@code --epochs}, {@code epochs})
     * @return the value the text gives, checked against the range or choices
     * @throws IllegalArgumentException with one line naming the option, what it takes and what it got
     */
    public T parse(String text, String shownAs) {
        String t = text.trim();
        Object value = switch (kind) {
            case INTEGER -> {
                try {
                    yield Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(shownAs + " must be a whole number, got '" + text + "'");
                }
            }
            case LONG -> {
                try {
                    yield Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(shownAs + " must be a whole number, got '" + text + "'");
                }
            }
            case NUMBER -> {
                double d;
                try {
                    d = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    d = Double.NaN;
                }
                // Java reads "NaN" and "Infinity" as numbers; no option takes them
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException(shownAs + " must be a number, got '" + text + "'");
                }
                yield d;
            }
            case BOOLEAN -> {
                String lower = t.toLowerCase(Locale.ROOT);
                if (!lower.equals("true") && !lower.equals("false")) {
                    throw new IllegalArgumentException(shownAs + " must be true or false, got '" + text + "'");
                }
                yield Boolean.parseBoolean(lower);
            }
            case TEXT, CHOICE, FOLDER, FILE -> text;
        };
        return check(cast(value), shownAs);
    }

    /**
     * @return the value, when it lies in the range and is one of the choices
     * @throws IllegalArgumentException naming the option, what it takes and what it got
     */
    public T check(T value, String shownAs) {
        if (value instanceof Double d && !Double.isFinite(d)) {
            throw new IllegalArgumentException(shownAs + " must be a number, got " + d);
        }
        if (rule != null && !rule.test(value)) {
            throw new IllegalArgumentException(shownAs + " must be " + ruleText + ", got " + value);
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            String got = ", got " + format(n);
            if (min != null && max != null && (d < min || d > max)) {
                throw new IllegalArgumentException(
                        shownAs + " must be between " + format(min) + " and " + format(max) + got);
            }
            if (min != null && d < min)
                throw new IllegalArgumentException(shownAs + " must be at least " + format(min) + got);
            if (max != null && d > max)
                throw new IllegalArgumentException(shownAs + " must be at most " + format(max) + got);
        }
        if (kind == Kind.CHOICE && !choices.contains(value)) {
            throw new IllegalArgumentException(
                    shownAs + " must be one of " + String.join(", ", choices) + ", got '" + value + "'");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private T cast(Object value) {
        return (T) value;
    }

    private static String format(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    @Override
    public String toString() {
        return key;
    }
}
