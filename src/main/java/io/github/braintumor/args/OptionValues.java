package io.github.braintumor.args;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The values of one run of a command, by option: what the user gave, checked, and the table's defaults for the rest.
 * Made by {@link OptionTable#fromCommandLine} or {@link OptionTable#fromValues}; every front end hands the same
 * values to the same request builder.
 *
 * <pre>{@code
 * OptionValues v = table.fromValues(Map.of("epochs", 3)::get);
 * int epochs = v.get(EPOCHS);        // 3
 * boolean said = v.given(SEED);      // false: SEED's default
 * }</pre>
 */
public final class OptionValues {
    private final OptionTable table;
    private final Map<String, Object> values;
    private final Set<String> given;

    OptionValues(OptionTable table, Map<String, Object> values, Set<String> given) {
        this.table = table;
        this.values = Map.copyOf(values);
        this.given = Set.copyOf(given);
    }

    /**
     * @return the option's value, or its default in the table when not given
     * @throws IllegalArgumentException when the table has no such option (a programming error)
     */
    public <T> T get(Option<T> option) {
        Option<?> listed = table.find(option.key());
        if (listed == null) throw new IllegalArgumentException("option " + option.key() + " is not in this table");
        Object v = values.getOrDefault(option.key(), listed.defaultValue());
        @SuppressWarnings("unchecked")
        T t = (T) v;
        return t;
    }

    /**
     * @return a folder or file option's value as a path; null when it is empty (not given). Dialogs trim what the
     *     user typed; a command line's value is taken as given.
     */
    public Path path(Option<String> option) {
        String text = get(option);
        return text == null || text.isEmpty() ? null : Path.of(text);
    }

    /** @return whether the user gave this option (not just its default) */
    public boolean given(Option<?> option) {
        return given.contains(option.key());
    }

    /** @return the table these values are of */
    public OptionTable table() {
        return table;
    }
}
