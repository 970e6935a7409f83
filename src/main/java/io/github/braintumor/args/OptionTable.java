package io.github.braintumor.args;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A command's options in the order its dialog shows them, as StarDist's {@code Opt} table: the command line's
 * accepted names and usage text, the ImageJ 1 dialog and the values every front end hands on all come from here.
 *
 * <pre>{@code
 * Option<Integer> epochs = Option.integer("epochs", 10).min(1).help("passes over the data");
 * Option<Boolean> overwrite = Option.flag("overwrite", false).help("replace an earlier run's output");
 * OptionTable table = OptionTable.of(epochs, overwrite);
 * OptionValues v = table.fromCommandLine(CommandLine.parse(List.of("--epochs", "3"), table.cliValued(), table.cliFlags()));
 * v.get(epochs);      // 3
 * v.get(overwrite);   // false
 * }</pre>
 */
public final class OptionTable {
    /** The table of a command without options. */
    public static final OptionTable NONE = new OptionTable(List.of());

    private final List<Option<?>> options;

    private OptionTable(List<Option<?>> options) {
        Set<String> keys = new HashSet<>();
        for (Option<?> o : options) {
            if (!keys.add(o.key())) throw new IllegalArgumentException("option " + o.key() + " listed twice");
        }
        this.options = List.copyOf(options);
    }

    public static OptionTable of(Option<?>... options) {
        return new OptionTable(List.of(options));
    }

    /** @return this table followed by more options */
    public OptionTable plus(Option<?>... more) {
        List<Option<?>> all = new ArrayList<>(options);
        all.addAll(List.of(more));
        return new OptionTable(all);
    }

    /** @return this table without these options (a front end that does not offer them) */
    public OptionTable without(Option<?>... dropped) {
        List<String> keys = new ArrayList<>();
        for (Option<?> o : dropped) keys.add(o.key());
        return new OptionTable(
                options.stream().filter(o -> !keys.contains(o.key())).toList());
    }

    /** @return this table with {@code replacement} in the place of the option with its key */
    public OptionTable replace(Option<?> replacement) {
        List<Option<?>> all = new ArrayList<>();
        for (Option<?> o : options) all.add(o.key().equals(replacement.key()) ? replacement : o);
        return new OptionTable(all);
    }

    public List<Option<?>> options() {
        return options;
    }

    /** @return the options a front end offers, in order */
    public List<Option<?>> offeredIn(Option.Front front) {
        return options.stream().filter(o -> o.offeredIn(front)).toList();
    }

    /** @return the option with this key, or null */
    public Option<?> find(String key) {
        for (Option<?> o : options) if (o.key().equals(key)) return o;
        return null;
    }

    /** @return the command line's names that take a value (keys and aliases) */
    public Set<String> cliValued() {
        Set<String> names = new HashSet<>();
        for (Option<?> o : cliNamed()) {
            if (o.kind() != Option.Kind.BOOLEAN) {
                names.add(o.cliFlag());
                names.addAll(o.aliases());
            }
        }
        return names;
    }

    /** @return the command line's flags (check boxes: {@code --key}, or {@code --no-key} when on by default) */
    public Set<String> cliFlags() {
        Set<String> names = new HashSet<>();
        for (Option<?> o : cliNamed()) {
            if (o.kind() == Option.Kind.BOOLEAN) {
                names.add(o.cliFlag());
                names.addAll(o.aliases());
            }
        }
        return names;
    }

    private List<Option<?>> cliNamed() {
        return offeredIn(Option.Front.CLI).stream()
                .filter(o -> !o.isPositional())
                .toList();
    }

    /**
     * The values a command line gives: each option under its key or an alias, positional options in order; the
     * defaults for the rest (a check box named {@code --no-key} is off when given).
     *
     * @throws IllegalArgumentException one line naming the option and what it takes
     */
    public OptionValues fromCommandLine(CommandLine line) {
        Map<String, String> byName = new HashMap<>();
        for (Map.Entry<String, String> e : line.options().entrySet()) byName.put(e.getKey(), e.getValue());
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> given = new HashSet<>();
        int position = 0;
        for (Option<?> o : offeredIn(Option.Front.CLI)) {
            if (o.isPositional()) {
                if (position < line.positional().size()) {
                    values.put(o.key(), o.parse(line.positional().get(position), o.metavar()));
                    given.add(o.key());
                }
                position++;
                continue;
            }
            List<String> names = new ArrayList<>();
            names.add(o.cliFlag());
            names.addAll(o.aliases());
            for (String name : names) {
                String text = byName.get(name);
                if (text == null) continue;
                Object value =
                        o.kind() == Option.Kind.BOOLEAN ? !(Boolean) o.defaultValue() : o.parse(text, "--" + name);
                values.put(o.key(), value);
                given.add(o.key());
            }
        }
        return new OptionValues(this, values, given);
    }

    /**
     * The values a front end read by key (a dialog, a SciJava command's fields), checked against range and
     * choices; a null is the default.
     *
     * @throws IllegalArgumentException one line naming the option and what it takes
     */
    public OptionValues fromValues(Function<String, Object> byKey) {
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> given = new HashSet<>();
        for (Option<?> o : options) {
            Object v = byKey.apply(o.key());
            if (v == null) continue;
            values.put(o.key(), checked(o, v));
            given.add(o.key());
        }
        return new OptionValues(this, values, given);
    }

    private static <T> T checked(Option<T> o, Object v) {
        Object value = v;
        if (o.kind() == Option.Kind.INTEGER && v instanceof Number n) value = n.intValue();
        if (o.kind() == Option.Kind.LONG && v instanceof Number n) value = n.longValue();
        if (o.kind() == Option.Kind.NUMBER && v instanceof Number n) value = n.doubleValue();
        @SuppressWarnings("unchecked")
        T t = (T) value;
        return o.check(t, o.key());
    }

    /**
     * @return the command line's option lines: {@code --key VALUE} and the help, the default where it says
     *     something, aliases at the end
     */
    public String cliUsage() {
        StringBuilder s = new StringBuilder();
        for (Option<?> o : cliNamed()) {
            String head = "  --" + o.cliFlag() + (o.kind() == Option.Kind.BOOLEAN ? "" : " " + o.metavar());
            String[] help =
                    o.help().isEmpty() ? new String[] {o.label()} : o.help().split("\n");
            StringBuilder first = new StringBuilder(help[0]);
            if (!o.aliases().isEmpty())
                first.append(" (also --")
                        .append(String.join(", --", o.aliases()))
                        .append(')');
            int column = 22;
            s.append(head);
            if (head.length() >= column) s.append('\n').append(" ".repeat(column));
            else s.append(" ".repeat(column - head.length()));
            s.append(first).append('\n');
            for (int i = 1; i < help.length; i++)
                s.append(" ".repeat(column)).append(help[i]).append('\n');
        }
        return s.toString();
    }
}
